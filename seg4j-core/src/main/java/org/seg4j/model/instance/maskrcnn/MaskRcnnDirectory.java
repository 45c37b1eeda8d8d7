package org.seg4j.model.instance.maskrcnn;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.util.Json;

/**
 * A self-describing Mask R-CNN directory: {@code mask-rcnn.json} (every {@link MaskRcnnConfig}
 * setting and the class id of each detector label), {@code classes.yaml} and {@code
 * weights.params} (DJL's parameter format, written atomically as {@link ModelDirectory} does).
 */
public final class MaskRcnnDirectory {

    /** The settings file. */
    public static final String SETTINGS = "mask-rcnn.json";

    /** The architecture name, as in {@code --model mask-rcnn}. */
    public static final String ARCHITECTURE = "mask-rcnn";

    /** The class list. */
    public static final String CLASSES = ClassMeta.FILE_NAME;

    private MaskRcnnDirectory() {}

    /** What {@code mask-rcnn.json} holds. */
    record Stored(String architecture, int numClasses, int depth, int width, int fpnChannels, int[] anchorSizes,
            float[] aspectRatios, int rpnPreNmsTrain, int rpnPreNmsTest, int rpnPostNmsTrain, int rpnPostNmsTest,
            float rpnNms, int rpnBatch, int roiBatch, float roiPositiveFraction, int representation,
            int maskChannels, float scoreThreshold, float detectionNms, int detectionsPerImage, float canonicalScale,
            int[] classIds) {

        static Stored of(MaskRcnnConfig c, int[] classIds) {
            return new Stored(ARCHITECTURE, c.numClasses, c.depth, c.width, c.fpnChannels, c.anchorSizes,
                    c.aspectRatios, c.rpnPreNmsTrain, c.rpnPreNmsTest, c.rpnPostNmsTrain, c.rpnPostNmsTest, c.rpnNms,
                    c.rpnBatch, c.roiBatch, c.roiPositiveFraction, c.representation, c.maskChannels,
                    c.scoreThreshold, c.detectionNms, c.detectionsPerImage, c.canonicalScale, classIds);
        }

        MaskRcnnConfig config() {
            return MaskRcnnConfig.builder().setNumClasses(numClasses).optDepth(depth).optWidth(width)
                    .optFpnChannels(fpnChannels).optAnchorSizes(anchorSizes).optAspectRatios(aspectRatios)
                    .optRpnPreNms(rpnPreNmsTrain, rpnPreNmsTest).optRpnPostNms(rpnPostNmsTrain, rpnPostNmsTest)
                    .optRpnNms(rpnNms).optRpnBatch(rpnBatch).optRoiBatch(roiBatch, roiPositiveFraction)
                    .optRepresentation(representation).optMaskChannels(maskChannels)
                    .optDetections(scoreThreshold, detectionNms, detectionsPerImage).optCanonicalScale(canonicalScale)
                    .build();
        }
    }

    /** A loaded model with its classes; closing it frees the weights. */
    public record Loaded(MaskRcnn model, ClassMeta classes, int[] classIds, NDManager manager) implements AutoCloseable {

        @Override
        public void close() {
            manager.close();
        }
    }

    /**
     * Writes {@code model} into {@code dir} (created if needed).
     *
     * @param classIds the class id of each detector label 1, 2, ... (thing classes of {@code classes})
     */
    public static void save(Path dir, MaskRcnn model, ClassMeta classes, int[] classIds) {
        checkClassIds(classIds, model.config(), classes, dir.resolve(SETTINGS));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new Seg4jException(dir + ": cannot create the model directory: " + e.getMessage(), e);
        }
        ModelDirectory.saveWeights(dir.resolve(ModelDirectory.WEIGHTS), model);
        classes.write(dir.resolve(CLASSES));
        Json.writeJson(dir.resolve(SETTINGS), Stored.of(model.config(), classIds));
    }

    /** Whether {@code dir} holds a Mask R-CNN ({@value #SETTINGS}) rather than a semantic or panoptic model. */
    public static boolean isMaskRcnn(Path dir) {
        return Files.isRegularFile(dir.resolve(SETTINGS));
    }

    /** Reads a directory written by {@link #save}. */
    public static Loaded load(Path dir) {
        Path settings = dir.resolve(SETTINGS);
        if (!Files.isRegularFile(settings)) {
            throw new Seg4jException(dir + " is not a Mask R-CNN directory: " + SETTINGS + " is missing");
        }
        Stored stored;
        MaskRcnnConfig config;
        try {
            stored = Json.read(settings, Stored.class);
            if (!ARCHITECTURE.equals(stored.architecture())) {
                throw new Seg4jException("architecture is '" + stored.architecture() + "', expected 'mask-rcnn'");
            }
            config = stored.config();
        } catch (RuntimeException e) {
            throw new Seg4jException(settings + ": " + e.getMessage(), e);
        }
        ClassMeta classes = ClassMeta.read(dir.resolve(CLASSES));
        checkClassIds(stored.classIds(), config, classes, settings);
        Path weights = dir.resolve(ModelDirectory.WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new Seg4jException(weights + " is missing: " + dir + " has the settings of a Mask R-CNN but no weights");
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            MaskRcnn model = new MaskRcnn(config);
            model.initialize(manager, DataType.FLOAT32, new Shape(1, 3, MaskRcnn.SIZE_DIVISOR, MaskRcnn.SIZE_DIVISOR));
            ModelDirectory.loadWeights(weights, model, manager);
            return new Loaded(model, classes, stored.classIds().clone(), manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    private static void checkClassIds(int[] classIds, MaskRcnnConfig config, ClassMeta classes, Path file) {
        if (classIds == null || classIds.length != config.numClasses()) {
            throw new Seg4jException(file + ": needs one class id per detector label (" + config.numClasses()
                    + "), got " + (classIds == null ? "none" : classIds.length));
        }
        for (int id : classIds) {
            if (id < 0 || id >= classes.classes().size()) {
                throw new Seg4jException(file + ": class id " + id + " is not in the " + classes.classes().size()
                        + " classes");
            }
        }
    }
}
