package org.seg4j.train;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.infer.output.Renderings;
import org.seg4j.train.loader.BatchLoader;
import org.seg4j.util.SheetCanvas;

/**
 * What training sees: the first batches of an epoch exactly as the training loader of a {@link
 * TrainConfig} makes them (class-aware sampling, random scale, crop, flip, photometric changes,
 * copy-paste), drawn as a contact sheet: one row of crops per batch, each crop's id, image and
 * label in the class colours (void black) from top to bottom. The counterpart of MMSegmentation's
 * {@code browse_dataset.py}: check an augmentation before spending an hour training with it.
 */
public final class AugmentationPreview {

    /** Widest thumbnail, in pixels; larger crops are shown scaled down. */
    private static final int MAX_THUMB_WIDTH = 240;
    private static final int LABEL_HEIGHT = 16;
    private static final int GAP = 4;

    private final SampleSource source;
    private final TrainConfig config;
    private final int epoch;
    private final int batches;

    private AugmentationPreview(Builder b) {
        this.source = b.source;
        this.config = b.config;
        this.epoch = b.epoch;
        this.batches = b.batches;
    }

    /** A builder; {@link Builder#setSource} and {@link Builder#setConfig} are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The samples of the previewed batches, one list per batch, before normalisation. */
    public List<List<Sample>> batches() {
        try (BatchLoader loader = TrainingLoaders.training(source, config, config.normalization())
                .optSampleWeights(TrainingLoaders.sampleWeights(source, config))
                .optWorkers(1)
                .build()) {
            int n = Math.min(batches, loader.batchesPerEpoch());
            List<List<Sample>> out = new ArrayList<>(n);
            for (int b = 0; b < n; b++) {
                out.add(loader.samples(epoch, b));
            }
            return out;
        }
    }

    /** The contact sheet of {@code rows} (from {@link #batches()}), drawn in the data set's class colours. */
    public BufferedImage render(List<List<Sample>> rows) {
        int[] palette = source.classes().palette();
        int cols = rows.stream().mapToInt(List::size).max().orElse(0);
        if (cols == 0) {
            throw new Seg4jException("augmentation preview: no samples to draw");
        }
        Sample first = rows.get(0).get(0);
        double f = Math.min(1.0, (double) MAX_THUMB_WIDTH / first.image().width());
        int tw = Math.max(1, (int) Math.round(first.image().width() * f));
        int th = Math.max(1, (int) Math.round(first.image().height() * f));
        int cellW = tw + GAP;
        int cellH = 2 * th + LABEL_HEIGHT + GAP;
        BufferedImage out = new BufferedImage(cols * cellW + GAP, rows.size() * cellH + GAP,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = SheetCanvas.open(out);
        try {
            for (int r = 0; r < rows.size(); r++) {
                for (int c = 0; c < rows.get(r).size(); c++) {
                    Sample s = rows.get(r).get(c);
                    int x = GAP + c * cellW;
                    int y = GAP + r * cellH;
                    g.setColor(Color.DARK_GRAY);
                    g.setClip(x, y, tw, LABEL_HEIGHT); // a long id stops at its crop's edge
                    g.drawString(s.id(), x, y + LABEL_HEIGHT - 4);
                    g.setClip(null);
                    g.drawImage(BufferedImages.toBufferedImage(s.image()), x, y + LABEL_HEIGHT, tw, th, null);
                    if (s.mask() != null) {
                        g.drawImage(Renderings.colorMask(s.mask(), palette), x, y + LABEL_HEIGHT + th, tw, th, null);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Configuration of an {@link AugmentationPreview}: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {

        private SampleSource source;
        private TrainConfig config;
        private int epoch;
        private int batches = 2;

        private Builder() {}

        /** The training samples (required). */
        public Builder setSource(SampleSource source) {
            this.source = source;
            return this;
        }

        /** The configuration whose training loader is previewed (required). */
        public Builder setConfig(TrainConfig config) {
            this.config = config;
            return this;
        }

        /** The epoch whose batches are shown (default 0; each epoch draws new augmentations). */
        public Builder optEpoch(int epoch) {
            this.epoch = epoch;
            return this;
        }

        /** How many batches, from the first (default 2; fewer if the epoch has fewer). */
        public Builder optBatches(int batches) {
            this.batches = batches;
            return this;
        }

        /** Validates the settings. */
        public AugmentationPreview build() {
            if (source == null || config == null) {
                throw new IllegalArgumentException("augmentation preview needs samples (setSource) and a "
                        + "configuration (setConfig)");
            }
            if (epoch < 0) {
                throw new Seg4jException("augmentation preview: epoch must not be negative, got " + epoch);
            }
            if (batches <= 0) {
                throw new Seg4jException("augmentation preview: batches must be positive, got " + batches);
            }
            if (!TrainConfig.TASK_SEMANTIC.equals(config.task())) {
                throw new Seg4jException("augmentation preview shows semantic training crops; task " + config.task()
                        + " trains on instances or clips");
            }
            return new AugmentationPreview(this);
        }
    }
}
