package org.seg4j.serve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.InferenceEngine;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.Probabilities;
import org.seg4j.infer.instance.ComponentInstances;
import org.seg4j.infer.instance.InstanceSegmentation;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;

/**
 * A semantic model served with {@link ComponentMethod}: its class map, and instances and a
 * panoptic map from it by {@link ComponentInstances}, as {@code predict --method components}
 * writes them (scores are the mean class probability over each instance, so every batch computes
 * the probabilities). It answers as a {@link ModelTask#PANOPTIC} model.
 */
final class ComponentRunner implements ModelRunner {

    private final Predictor predictor;
    private final InferenceEngine engine;
    private final ComponentInstances components;
    private final ClassMeta classes;

    private ComponentRunner(Predictor predictor, InferenceEngine engine, ComponentInstances components,
            ClassMeta classes) {
        this.predictor = predictor;
        this.engine = engine;
        this.components = components;
        this.classes = classes;
    }

    /**
     * Refuses, before the server starts, what {@code source}'s components cannot serve: a Mask
     * R-CNN or panoptic model (they find instances themselves), bad thing classes or options.
     *
     * @throws Seg4jException naming the model and the problem
     */
    static void check(ModelSource source) {
        Path dir = source.dir();
        String model = "model '" + source.name() + "' (" + dir + "): ";
        if (MaskRcnnDirectory.isMaskRcnn(dir)) {
            throw new Seg4jException(model + "--method components is for semantic models; this is a Mask R-CNN,"
                    + " which predicts instances itself: serve it without --method components");
        }
        var manifest = ModelDirectory.readManifest(dir);
        if (manifest.isPanoptic()) {
            throw new Seg4jException(model + "--method components is for semantic models; this is a panoptic"
                    + " model, which predicts instances itself: serve it without --method components");
        }
        try {
            source.components().instances(manifest.classes());
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(model + e.getMessage(), e);
        }
    }

    static ComponentRunner load(Path dir, InferenceEngine engine, ComponentMethod method) {
        Predictor predictor = Predictor.load(dir, PredictorOptions.defaults().withEngine(engine));
        try {
            ClassMeta classes = method.classes(predictor.classes());
            return new ComponentRunner(predictor, engine, method.instances(predictor.classes()), classes);
        } catch (IllegalArgumentException e) {
            predictor.close();
            throw new Seg4jException(dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ModelTask task() {
        return ModelTask.PANOPTIC;
    }

    /** The model's classes, the thing classes marked as {@link ComponentMethod} says. */
    @Override
    public ClassMeta classes() {
        return classes;
    }

    @Override
    public List<Prediction> predict(List<RgbImage> images, boolean probabilities) {
        List<Prediction> out = new ArrayList<>(images.size());
        for (Probabilities p : predictor.predictProbabilitiesBatch(images)) {
            LabelMask mask = p.argmax();
            InstanceSegmentation s = components.segment(mask, p);
            out.add(new Prediction(mask, probabilities ? p : null, s, s.asDetected()));
        }
        return out;
    }

    @Override
    public Map<String, Object> describe() {
        Map<String, Object> out = SemanticRunner.describe(predictor.manifest());
        out.put("engine", predictor.manifest().isExternal() ? predictor.manifest().runtime() : engine.id());
        out.put("method", "components");
        return out;
    }

    @Override
    public void close() {
        predictor.close();
    }
}
