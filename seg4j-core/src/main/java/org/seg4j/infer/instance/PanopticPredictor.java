package org.seg4j.infer.instance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Images;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.util.GradientsOff;

/**
 * Runs a panoptic model (task {@code panoptic}, e.g. {@code panoptic-deeplab}) on whole images and
 * groups its outputs with {@link CenterGrouping}.
 *
 * <pre>
 * try (PanopticPredictor p = PanopticPredictor.load(Path.of("runs/street-pdl"))) {
 *     PanopticPrediction r = p.predict(image);
 *     for (PredictedInstance i : r.segmentation().instances()) {
 *         i.classId(); i.score(); i.box(); i.area(); r.segmentation().mask(i);
 *     }
 * }
 * </pre>
 *
 * <p>The image is normalised as in training, scaled by the manifest's input scale, and passed whole
 * (the network pads it to its stride itself). Outputs at another size are resized bilinearly back to
 * the image, the offsets multiplied by the same factor. Each call runs in its own sub-manager with
 * gradients off, so nothing is left behind; calls are serialised (libtorch already uses all cores).
 */
public final class PanopticPredictor implements AutoCloseable {

    private final Block block;
    private final ModelManifest manifest;
    private final CenterGrouping grouping;
    private final NDManager manager;
    private final AutoCloseable owned;
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * A predictor over an initialised network whose parameters the caller keeps.
     *
     * @param grouping the post-processing; {@code null} for {@link CenterGrouping}'s defaults
     */
    public PanopticPredictor(Block block, ModelManifest manifest, CenterGrouping grouping) {
        this(block, manifest, grouping, null);
    }

    private PanopticPredictor(Block block, ModelManifest manifest, CenterGrouping grouping, AutoCloseable owned) {
        if (!manifest.isPanoptic()) {
            throw new Seg4jException("model " + manifest.model().architecture() + " is a semantic model (task "
                    + "semantic in model.json); panoptic prediction needs a model trained with --task panoptic");
        }
        this.block = block;
        this.manifest = manifest;
        this.grouping = grouping != null ? grouping : CenterGrouping.builder().setClasses(manifest.classes()).build();
        this.manager = NDManager.newBaseManager();
        this.owned = owned;
    }

    /** Loads a model directory with the default grouping. */
    public static PanopticPredictor load(Path modelDir) {
        return load(modelDir, null);
    }

    /**
     * Loads a model directory.
     *
     * @param grouping the post-processing, built for the model's classes; {@code null} for the defaults
     */
    public static PanopticPredictor load(Path modelDir, CenterGrouping grouping) {
        ModelManifest manifest = ModelDirectory.readManifest(modelDir);
        if (!manifest.isPanoptic()) {
            throw new Seg4jException(modelDir + ": not a panoptic model (model.json has no task: panoptic); "
                    + "train one with --task panoptic --model panoptic-deeplab");
        }
        ModelDirectory.LoadedModel model = ModelDirectory.load(modelDir);
        try {
            return new PanopticPredictor(model.block(), model.manifest(), grouping, model);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The model's manifest. */
    public ModelManifest manifest() {
        return manifest;
    }

    /** The model's classes (with their {@code isthing} flags). */
    public ClassMeta classes() {
        return manifest.classes();
    }

    /** Predicts one image. */
    public PanopticPrediction predict(RgbImage image) {
        int w = image.width();
        int h = image.height();
        double scale = manifest.preprocessing().scale();
        RgbImage input = scale == 1.0 ? image : Images.resizeBilinear(image,
                Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale)));
        int iw = input.width();
        int ih = input.height();
        float[] chw = manifest.preprocessing().normalization().toChw(input);
        int numClasses = manifest.classes().numClasses();
        float[] logits;
        float[] center;
        float[] offset;
        lock.lock();
        try (GradientsOff off = GradientsOff.begin(); NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(chw, new Shape(1, 3, ih, iw));
            NDList out = block.forward(new ParameterStore(sub, false), new NDList(x), false);
            if (out.size() != 3 || out.get(0).getShape().get(1) != numClasses) {
                throw new Seg4jException("model " + manifest.model().architecture() + " returned " + out.size()
                        + " outputs; a panoptic model returns semantic logits (" + numClasses
                        + " classes), a centre map and offsets");
            }
            logits = out.get(0).toType(DataType.FLOAT32, false).toFloatArray();
            center = out.get(1).toFloatArray();
            offset = out.get(2).toFloatArray();
        } finally {
            lock.unlock();
        }
        if (iw != w || ih != h) {
            logits = Images.resizePlanes(logits, numClasses, iw, ih, w, h);
            center = Images.resizePlanes(center, 1, iw, ih, w, h);
            offset = Images.resizePlanes(offset, 2, iw, ih, w, h);
            int n = w * h;
            float sy = (float) h / ih;
            float sx = (float) w / iw;
            for (int i = 0; i < n; i++) {
                offset[i] *= sy;
                offset[n + i] *= sx;
            }
        }
        LabelMask semantic = argMax(logits, numClasses, w, h);
        return new PanopticPrediction(semantic, grouping.group(semantic, center, offset));
    }

    private static LabelMask argMax(float[] logits, int classes, int w, int h) {
        int n = w * h;
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            float bestV = logits[i];
            for (int c = 1; c < classes; c++) {
                float v = logits[c * n + i];
                if (v > bestV) {
                    bestV = v;
                    best = c;
                }
            }
            labels[i] = (byte) best;
        }
        return new LabelMask(w, h, labels);
    }

    /** Frees the scratch manager and, when this predictor loaded the model, its parameters. */
    @Override
    public void close() {
        lock.lock();
        try {
            manager.close();
            if (owned != null) {
                owned.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }
}
