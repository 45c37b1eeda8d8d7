package org.seg4j.infer.instance;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.model.instance.maskrcnn.MaskRcnn;
import org.seg4j.model.instance.maskrcnn.MaskRcnnInput;
import org.seg4j.model.instance.maskrcnn.RawDetections;
import org.seg4j.transform.Normalization;

/**
 * Instance segmentation with a {@link MaskRcnn}: images in, {@link DetectedInstance}s out (class,
 * score, box, mask, area), best first. Post-processing as torchvision: the model's score threshold
 * (0.05), per-class NMS and at most 100 detections, then each 28x28 mask pasted into the image
 * ({@link MaskPaste}) and thresholded at 0.5. {@link Builder#optMinScore} drops weaker instances
 * on top. Each call works in its own sub-manager of the model's manager, so nothing it creates
 * outlives it.
 *
 * <pre>{@code
 * MaskRcnnPredictor p = MaskRcnnPredictor.builder().setModel(model, manager)
 *         .setClassIds(new int[] {1, 2}).build();          // detector label 1 -> class 1, ...
 * for (DetectedInstance d : p.predict(image)) { d.classId(); d.score(); d.box(); d.mask(); d.area(); }
 * }</pre>
 */
public final class MaskRcnnPredictor {

    private final MaskRcnn model;
    private final NDManager manager;
    private final int[] classIds;
    private final Normalization normalization;
    private final float maskThreshold;
    private final double minScore;

    private MaskRcnnPredictor(Builder b) {
        model = b.model;
        manager = b.manager;
        classIds = b.classIds.clone();
        normalization = b.normalization;
        maskThreshold = b.maskThreshold;
        minScore = b.minScore;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The instances of one image, best first. */
    public List<DetectedInstance> predict(RgbImage image) {
        return predict(List.of(image)).get(0);
    }

    /** The instances of each image (one batch), best first. */
    public List<List<DetectedInstance>> predict(List<RgbImage> images) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = MaskRcnnInput.batch(sub, images, normalization);
            List<RawDetections> raw = model.detect(new ParameterStore(sub, false), x, MaskRcnnInput.sizes(images));
            List<List<DetectedInstance>> out = new ArrayList<>();
            for (int i = 0; i < images.size(); i++) {
                out.add(instances(raw.get(i), images.get(i).width(), images.get(i).height()));
            }
            return out;
        }
    }

    private List<DetectedInstance> instances(RawDetections r, int width, int height) {
        List<DetectedInstance> out = new ArrayList<>();
        int s = RawDetections.MASK_SIZE;
        for (int d = 0; d < r.size(); d++) {
            if (r.scores()[d] < minScore) {
                continue;
            }
            float[] box = java.util.Arrays.copyOfRange(r.boxes(), 4 * d, 4 * d + 4);
            float[] mask = java.util.Arrays.copyOfRange(r.masks(), d * s * s, (d + 1) * s * s);
            boolean[] pasted = MaskPaste.paste(mask, s, box, width, height, maskThreshold);
            int area = 0;
            for (boolean b : pasted) {
                area += b ? 1 : 0;
            }
            out.add(new DetectedInstance(classIds[r.labels()[d] - 1], r.scores()[d], box, pasted, area));
        }
        return out;
    }

    /** Builder: {@link #setModel} and {@link #setClassIds} are required. */
    public static final class Builder {
        private MaskRcnn model;
        private NDManager manager;
        private int[] classIds;
        private Normalization normalization = Normalization.IMAGENET;
        private float maskThreshold = 0.5f;
        private double minScore;

        private Builder() {}

        /** The initialised model and the manager that owns its parameters. */
        public Builder setModel(MaskRcnn model, NDManager manager) {
            this.model = model;
            this.manager = manager;
            return this;
        }

        /** The class id of each detector label 1, 2, ... (the model's thing classes, in order). */
        public Builder setClassIds(int[] classIds) {
            this.classIds = classIds.clone();
            return this;
        }

        /** Image normalisation (default ImageNet, as the model was trained). */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /** Threshold of the pasted mask probabilities (default 0.5). */
        public Builder optMaskThreshold(float maskThreshold) {
            this.maskThreshold = maskThreshold;
            return this;
        }

        /** Drops instances scoring under this (default 0: the model's own threshold of 0.05 applies). */
        public Builder optMinScore(double minScore) {
            this.minScore = minScore;
            return this;
        }

        /** Validates and builds. */
        public MaskRcnnPredictor build() {
            if (model == null || manager == null) {
                throw new Seg4jException("mask-rcnn predictor needs a model and its manager (setModel)");
            }
            if (classIds == null || classIds.length != model.config().numClasses()) {
                throw new Seg4jException("mask-rcnn predictor needs one class id per detector label: the model has "
                        + model.config().numClasses() + " thing classes, got "
                        + (classIds == null ? "none" : classIds.length));
            }
            if (!(maskThreshold > 0 && maskThreshold < 1) || !(minScore >= 0 && minScore <= 1)) {
                throw new Seg4jException("mask threshold must be in (0, 1) and min score in [0, 1], got "
                        + maskThreshold + " and " + minScore);
            }
            return new MaskRcnnPredictor(this);
        }
    }
}
