package org.seg4j.serve;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.seg4j.data.ClassMeta;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.InferenceEngine;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;

/**
 * A loaded model as the {@link Batcher} sees it: images in, one {@link Prediction} each out. One
 * implementation per {@link ModelTask}, over the same predictors {@code seg4j predict} uses.
 */
interface ModelRunner extends AutoCloseable {

    /**
     * Loads {@code source}'s model: a semantic one with instances by connected components when
     * {@link ModelSource#components()} is set, else by what the directory holds: a Mask R-CNN
     * ({@code mask-rcnn.json}), a panoptic model ({@code task: panoptic} in {@code model.json}) or a
     * semantic one. {@link SegmentationServer} has already {@linkplain ComponentRunner#check checked}
     * a source with components.
     */
    static ModelRunner load(ModelSource source, ServeOptions options) {
        if (source.components() != null) {
            return ComponentRunner.load(source.dir(), source.engine(), source.components());
        }
        return load(source.dir(), options, source.engine());
    }

    /**
     * Loads the model in {@code dir}: a Mask R-CNN directory ({@code mask-rcnn.json}), a panoptic
     * model ({@code task: panoptic} in {@code model.json}) or a semantic one.
     */
    static ModelRunner load(Path dir, ServeOptions options, InferenceEngine engine) {
        boolean maskRcnn = MaskRcnnDirectory.isMaskRcnn(dir);
        boolean panoptic = !maskRcnn && ModelDirectory.readManifest(dir).isPanoptic();
        if ((maskRcnn || panoptic) && engine != InferenceEngine.DJL) {
            throw new Seg4jException(dir + ": " + (maskRcnn ? "a Mask R-CNN" : "a panoptic") + " model runs on DJL "
                    + "only (it has no ONNX export); serve it with --engine djl");
        }
        if (maskRcnn) {
            return DetectorRunner.load(dir, options);
        }
        if (panoptic) {
            return PanopticRunner.load(dir, options);
        }
        return SemanticRunner.load(dir, engine);
    }

    /** What the model predicts. */
    ModelTask task();

    /** The model's classes. */
    ClassMeta classes();

    /**
     * Predicts {@code images} (one batch); with {@code probabilities}, models that have class
     * probabilities return them too.
     */
    List<Prediction> predict(List<RgbImage> images, boolean probabilities);

    /** Architecture, engine and input size for {@code GET /v1/models}. */
    Map<String, Object> describe();

    @Override
    void close();
}
