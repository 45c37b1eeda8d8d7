package org.seg4j.train.weak;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassStatistics;
import org.seg4j.data.ClassWeighting;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.SampleSource;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.boxes.Box;
import org.seg4j.data.boxes.BoxLabels;
import org.seg4j.infer.Predictor;
import org.seg4j.model.ModelDirectory;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.TrainResult;
import org.seg4j.train.TrainingRun;

/**
 * Trains from bounding boxes only, in rounds (BoxSup, Dai et al. 2015, simplified):
 *
 * <ol>
 *   <li>initial masks from the boxes ({@link BoxMasks#initial}, refined by a colour model);
 *   <li>train for this round's share of the epochs (round 1 from scratch, later rounds from the
 *       previous round's best weights);
 *   <li>predict every training image and constrain the prediction to the boxes
 *       ({@link BoxMasks#constrain}): these are the next round's masks;
 *   <li>repeat until the last round.
 * </ol>
 *
 * <p>The configuration's epochs are the total over all rounds, split as evenly as possible (earlier
 * rounds get the remainder), and so are its steps and its time budget, so a box-supervised run has the same
 * training budget as a run on full masks with the same configuration; the relabelling between
 * rounds comes on top. Rounds before the last are written to {@code <out>/rounds/round-N}; the last
 * round writes the final model into {@code <out>} itself. The ground-truth masks of the training
 * split are never read.
 */
public final class BoxSupervisedTraining {

    private final SegmentationDataset train;
    private final SampleSource validation;
    private final TrainConfig config;
    private final BoxLabels boxes;
    private final Path out;
    private final int rounds;
    private final boolean refine;
    private final PrintStream log;
    private final String fingerprint;

    private BoxSupervisedTraining(Builder b) {
        this.train = b.train;
        this.validation = b.validation;
        this.config = b.config;
        this.boxes = b.boxes;
        this.out = b.out;
        this.rounds = b.rounds;
        this.refine = b.refine;
        this.log = b.log;
        this.fingerprint = b.fingerprint;
    }

    /** A builder; training data, configuration, boxes and output folder are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** Runs all rounds and returns the last round's result (the final model is in the output folder). */
    public TrainResult fit() {
        List<List<Box>> perImage = boxesPerImage();
        ColourBoxRefiner refiner = refine ? new ColourBoxRefiner() : null;
        List<LabelMask> initial = IntStream.range(0, train.size()).parallel()
                .mapToObj(i -> BoxMasks.initial(image(i), perImage.get(i), refiner))
                .toList();
        say("initial masks from %d boxes (%s): %.1f%% of pixels labelled", boxes.boxCount(),
                refine ? "box filling + colour refinement" : "box filling", 100 * labelled(initial));
        List<LabelMask> masks = initial;
        Path previousWeights = null;
        TrainResult result = null;
        int numClasses = train.classes().numClasses();
        for (int r = 1; r <= rounds; r++) {
            Path dir = r == rounds ? out : out.resolve("rounds").resolve("round-" + r);
            TrainConfig cfg = roundConfig(r);
            say("round %d/%d: %d epochs -> %s", r, rounds, cfg.epochs(), dir);
            RelabelledSource source = new RelabelledSource(train, masks);
            result = TrainingRun.builder()
                    .setTrainData(source)
                    .optValidationData(validation)
                    .setConfig(cfg)
                    .setOutputDir(dir)
                    .optClassWeights(classWeights(masks))
                    .optDatasetFingerprint(fingerprint)
                    .optInitialWeights(previousWeights)
                    .optLog(log)
                    .build()
                    .fit();
            previousWeights = dir.resolve(ModelDirectory.WEIGHTS);
            if (r < rounds) {
                List<LabelMask> next = relabel(dir, source, initial, perImage, numClasses);
                say("round %d relabelled: %.1f%% of pixels changed, %.1f%% labelled", r,
                        100 * changed(masks, next), 100 * labelled(next));
                masks = next;
            }
        }
        return result;
    }

    /** The boxes of every training image, in data set order; an image without an entry is an error. */
    private List<List<Box>> boxesPerImage() {
        List<List<Box>> out = new ArrayList<>();
        for (int i = 0; i < train.size(); i++) {
            BoxLabels.ImageBoxes b = boxes.images().get(train.id(i));
            if (b == null) {
                throw new Seg4jException("box labels have no entry for training image " + train.id(i) + " ("
                        + train.entries().get(i).image() + ")");
            }
            out.add(b.boxes());
        }
        return out;
    }

    private RgbImage image(int i) {
        RgbImage img = org.seg4j.data.ImageFiles.read(train.entries().get(i).image(), train.options().maxPixels());
        BoxLabels.ImageBoxes b = boxes.images().get(train.id(i));
        if (img.width() != b.width() || img.height() != b.height()) {
            throw new Seg4jException(train.entries().get(i).image() + ": image is " + img.width() + "x"
                    + img.height() + " but its box labels say " + b.width() + "x" + b.height());
        }
        return img;
    }

    /**
     * Epochs (or steps) and time budget of round {@code r} (1-based): the total split evenly. Rounds
     * after the first start from trained weights, so their warm-up is at most a tenth of their steps.
     */
    TrainConfig roundConfig(int r) {
        int epochs = config.epochs() / rounds + (r <= config.epochs() % rounds ? 1 : 0);
        long roundSteps = config.steps() == 0 ? 0
                : Math.max(1, config.steps() / rounds + (r <= config.steps() % rounds ? 1 : 0));
        TrainConfig.Builder b = config.toBuilder().optEpochs(epochs).optSteps(roundSteps);
        if (r > 1) {
            long steps = roundSteps > 0 ? roundSteps : (long) epochs * Math.max(1, train.size() / config.batchSize());
            b.optWarmupSteps(Math.min(config.warmupSteps(), steps / 10));
        }
        if (config.timeBudget() != null) {
            b.optTimeBudget(Duration.ofMillis(Math.max(1000, config.timeBudget().toMillis() / rounds)));
        }
        return b.build();
    }

    /** The configured class weighting computed over the current masks (never the ground truth). */
    private float[] classWeights(List<LabelMask> masks) {
        return switch (config.classWeighting()) {
            case "none" -> null;
            case "explicit" -> config.classWeights();
            default -> ClassStatistics.of(masks, train.classes())
                    .weights(ClassWeighting.parse(config.classWeighting()));
        };
    }

    private List<LabelMask> relabel(Path modelDir, RelabelledSource source, List<LabelMask> initial,
            List<List<Box>> perImage, int numClasses) {
        List<LabelMask> next = new ArrayList<>();
        try (Predictor predictor = Predictor.load(modelDir)) {
            for (int i = 0; i < source.size(); i++) {
                LabelMask predicted = predictor.predict(source.image(i));
                next.add(BoxMasks.constrain(predicted, initial.get(i), perImage.get(i), numClasses));
            }
        }
        return next;
    }

    private static double labelled(List<LabelMask> masks) {
        return masks.stream().mapToDouble(BoxMasks::labelledShare).average().orElse(0);
    }

    private static double changed(List<LabelMask> a, List<LabelMask> b) {
        long diff = 0;
        long total = 0;
        for (int i = 0; i < a.size(); i++) {
            byte[] x = a.get(i).data();
            byte[] y = b.get(i).data();
            for (int k = 0; k < x.length; k++) {
                diff += x[k] != y[k] ? 1 : 0;
            }
            total += x.length;
        }
        return total == 0 ? 0 : (double) diff / total;
    }

    private void say(String format, Object... args) {
        if (log != null) {
            log.println("seg4j: boxes: " + String.format(Locale.ROOT, format, args));
        }
    }

    /** Builder of a {@link BoxSupervisedTraining}. */
    public static final class Builder {
        private SegmentationDataset train;
        private SampleSource validation;
        private TrainConfig config;
        private BoxLabels boxes;
        private Path out;
        private int rounds = 3;
        private boolean refine = true;
        private PrintStream log = System.err;
        private String fingerprint = "";

        private Builder() {}

        /** Training images (their masks are not read). */
        public Builder setTrainData(SegmentationDataset v) { train = v; return this; }
        public Builder setConfig(TrainConfig v) { config = v; return this; }
        public Builder setBoxes(BoxLabels v) { boxes = v; return this; }
        public Builder setOutputDir(Path v) { out = v; return this; }
        /** Validation data with full masks, for model selection and curves (optional). */
        public Builder optValidationData(SampleSource v) { validation = v; return this; }
        /** Training rounds (default 3); at most the number of epochs. */
        public Builder optRounds(int v) { rounds = v; return this; }
        /** Whether boxes are refined by the colour model (default) or just filled. */
        public Builder optRefine(boolean v) { refine = v; return this; }
        public Builder optLog(PrintStream v) { log = v; return this; }
        public Builder optDatasetFingerprint(String v) { fingerprint = v == null ? "" : v; return this; }

        /** Checks the settings. */
        public BoxSupervisedTraining build() {
            if (train == null || config == null || boxes == null || out == null) {
                throw new IllegalStateException("training data, config, boxes and output folder are required");
            }
            if (rounds < 1 || rounds > config.epochs()) {
                throw new Seg4jException("box rounds must be between 1 and the number of epochs ("
                        + config.epochs() + "), got " + rounds);
            }
            if (!boxes.classes().equals(train.classes().names())) {
                throw new Seg4jException("box labels' classes " + boxes.classes() + " differ from the data set's "
                        + train.classes().names());
            }
            return new BoxSupervisedTraining(this);
        }
    }
}
