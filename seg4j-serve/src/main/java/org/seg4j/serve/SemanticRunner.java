package org.seg4j.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.InferenceEngine;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.Probabilities;
import org.seg4j.model.ModelManifest;

/** A semantic model: {@link Predictor#predictBatch}, which stacks images of equal size into one pass. */
final class SemanticRunner implements ModelRunner {

    private final Predictor predictor;
    private final InferenceEngine engine;

    private SemanticRunner(Predictor predictor, InferenceEngine engine) {
        this.predictor = predictor;
        this.engine = engine;
    }

    static SemanticRunner load(Path dir, InferenceEngine engine) {
        return new SemanticRunner(Predictor.load(dir, PredictorOptions.defaults().withEngine(engine)), engine);
    }

    @Override
    public ModelTask task() {
        return ModelTask.SEMANTIC;
    }

    @Override
    public ClassMeta classes() {
        return predictor.classes();
    }

    @Override
    public List<Prediction> predict(List<RgbImage> images, boolean probabilities) {
        List<Prediction> out = new ArrayList<>(images.size());
        if (probabilities) {
            for (Probabilities p : predictor.predictProbabilitiesBatch(images)) {
                out.add(Prediction.semantic(p.argmax(), p));
            }
        } else {
            for (LabelMask m : predictor.predictBatch(images)) {
                out.add(Prediction.semantic(m, null));
            }
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        ModelManifest m = predictor.manifest();
        Map<String, Object> out = describe(m);
        out.put("engine", m.isExternal() ? m.runtime() : engine.id());
        return out;
    }

    /** Architecture and input size of a {@code model.json} model. */
    static Map<String, Object> describe(ModelManifest m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("architecture", m.model().architecture());
        Map<String, Object> size = new LinkedHashMap<>();
        size.put("height", m.preprocessing().height());
        size.put("width", m.preprocessing().width());
        out.put("input_size", size);
        return out;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
