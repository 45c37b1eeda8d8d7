package org.seg4j.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.instance.DetectedInstance;
import org.seg4j.infer.instance.MaskRcnnPredictor;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;
import org.seg4j.util.GradientsOff;

/**
 * A Mask R-CNN directory through {@link MaskRcnnPredictor}; a batch is one forward pass (images
 * padded to the largest). Instances scoring under {@link ServeOptions#minScore()} (default 0.5, as
 * {@code seg4j predict}) are dropped.
 */
final class DetectorRunner implements ModelRunner {

    /** Default least detection score, as {@code predict}. */
    static final double DEFAULT_MIN_SCORE = 0.5;

    private final MaskRcnnDirectory.Loaded loaded;
    private final MaskRcnnPredictor predictor;

    private DetectorRunner(MaskRcnnDirectory.Loaded loaded, MaskRcnnPredictor predictor) {
        this.loaded = loaded;
        this.predictor = predictor;
    }

    static DetectorRunner load(Path dir, ServeOptions options) {
        MaskRcnnDirectory.Loaded loaded = MaskRcnnDirectory.load(dir);
        try {
            double minScore = options.minScore() == null ? DEFAULT_MIN_SCORE : options.minScore();
            return new DetectorRunner(loaded, MaskRcnnPredictor.builder().setModel(loaded.model(), loaded.manager())
                    .setClassIds(loaded.classIds()).optMinScore(minScore).build());
        } catch (RuntimeException e) {
            loaded.close();
            throw e instanceof Seg4jException ? e : new Seg4jException(dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelTask task() {
        return ModelTask.INSTANCE;
    }

    @Override
    public ClassMeta classes() {
        return loaded.classes();
    }

    @Override
    public List<Prediction> predict(List<RgbImage> images, boolean probabilities) {
        List<List<DetectedInstance>> found;
        try (GradientsOff off = GradientsOff.begin()) {
            found = predictor.predict(images);
        }
        List<Prediction> out = new ArrayList<>(found.size());
        for (List<DetectedInstance> d : found) {
            out.add(new Prediction(null, null, null, d));
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("architecture", MaskRcnnDirectory.ARCHITECTURE);
        return out;
    }

    @Override
    public void close() {
        loaded.close();
    }
}
