package org.seg4j.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.instance.CenterGrouping;
import org.seg4j.infer.instance.PanopticPrediction;
import org.seg4j.infer.instance.PanopticPredictor;
import org.seg4j.model.ModelDirectory;

/**
 * A panoptic model (Panoptic-DeepLab) through {@link PanopticPredictor}, one image at a time, with
 * the centre grouping of {@code seg4j predict} ({@link ServeOptions#minScore()}, {@link
 * ServeOptions#stuffArea()}).
 */
final class PanopticRunner implements ModelRunner {

    /** Default least centre heat-map value, as {@code predict}. */
    static final double DEFAULT_MIN_SCORE = 0.1;

    private final PanopticPredictor predictor;

    private PanopticRunner(PanopticPredictor predictor) {
        this.predictor = predictor;
    }

    static PanopticRunner load(Path dir, ServeOptions options) {
        ClassMeta classes = ModelDirectory.readManifest(dir).classes();
        CenterGrouping grouping;
        try {
            grouping = CenterGrouping.builder().setClasses(classes)
                    .optThreshold(options.minScore() == null ? DEFAULT_MIN_SCORE : options.minScore())
                    .optStuffArea(options.stuffArea()).build();
        } catch (IllegalArgumentException e) {
            throw new Seg4jException("min score / stuff area: " + e.getMessage(), e);
        }
        return new PanopticRunner(PanopticPredictor.load(dir, grouping));
    }

    @Override
    public ModelTask task() {
        return ModelTask.PANOPTIC;
    }

    @Override
    public ClassMeta classes() {
        return predictor.classes();
    }

    @Override
    public List<Prediction> predict(List<RgbImage> images, boolean probabilities) {
        List<Prediction> out = new ArrayList<>(images.size());
        for (RgbImage image : images) {
            PanopticPrediction p = predictor.predict(image);
            out.add(new Prediction(p.semantic(), null, p.segmentation(), p.segmentation().asDetected()));
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        return SemanticRunner.describe(predictor.manifest());
    }

    @Override
    public void close() {
        predictor.close();
    }
}
