package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;

/**
 * The contract every architecture meets (like segmentation_models' tests/models/base.py): output
 * shape on odd sizes, save/load round trip, gradients reach the weights of a loaded model, and a
 * frozen encoder stays put. A subclass names a small spec of its architecture. Overfitting one
 * batch through seg4j's own loss, optimiser and training step is {@code
 * org.seg4j.train.ArchitectureOverfitTest}, with every architecture.
 */
public abstract class SegmentationModelContract {

    /** A small, fast spec of the architecture under test with {@code numClasses} classes. */
    protected abstract ModelSpec smallSpec(int numClasses);

    private NDManager base;

    @BeforeEach
    void openManager() {
        // Initial weights and dropout masks come from the engine's generator: seed it so that a
        // model's result does not depend on which tests ran before it in the same JVM.
        Engine.getInstance().setRandomSeed(20261121);
        base = NDManager.newBaseManager();
    }

    @AfterEach
    void closeManager() {
        base.close();
    }

    private Block build(int numClasses, int height, int width) {
        Block model = ModelRegistry.create(smallSpec(numClasses));
        ModelDirectory.initialize(model, base, height, width);
        return model;
    }

    @Test
    void logitsHaveInputResolutionForOddSizes() {
        Block model = build(3, 37, 53);
        ParameterStore ps = new ParameterStore(base, false);
        for (int[] size : new int[][] {{37, 53}, {64, 96}}) {
            try (NDManager sub = base.newSubManager()) {
                NDArray x = sub.randomUniform(0, 1, new Shape(2, 3, size[0], size[1]));
                NDArray logits = model.forward(ps, new NDList(x), false).head();
                assertThat(logits.getShape()).isEqualTo(new Shape(2, 3, size[0], size[1]));
                assertThat(logits.getDataType()).isEqualTo(DataType.FLOAT32);
                assertThat(logits.isNaN().any().getBoolean()).isFalse();
            }
        }
        assertThat(model.getOutputShapes(new Shape[] {new Shape(2, 3, 37, 53)}))
                .containsExactly(new Shape(2, 3, 37, 53));
    }

    @Test
    void savedModelReloadsWithIdenticalOutputs(@TempDir Path dir) {
        ModelSpec spec = smallSpec(4);
        Block model = build(4, 32, 32);
        ModelManifest manifest = manifest(spec, 32, 32);
        ParameterStore ps = new ParameterStore(base, false);
        try (NDManager sub = base.newSubManager()) {
            NDArray x = sub.randomUniform(0, 1, new Shape(1, 3, 40, 56));
            // One training-mode pass moves batch-norm running statistics away from their defaults,
            // so the comparison also covers them.
            model.forward(ps, new NDList(x), true);
            NDArray expected = model.forward(ps, new NDList(x), false).head();
            ModelDirectory.save(dir, manifest, model);
            try (ModelDirectory.LoadedModel loaded = ModelDirectory.load(dir)) {
                assertThat(loaded.manifest().model()).isEqualTo(spec);
                NDArray actual = loaded.block().forward(new ParameterStore(loaded.manager(), false), new NDList(x), false)
                        .head();
                assertThat(actual.getShape()).isEqualTo(new Shape(1, 4, 40, 56));
                assertThat(actual.toFloatArray()).containsExactly(expected.toFloatArray());
            }
        }
    }

    @Test
    void loadedModelCanBeTrainedFurther(@TempDir Path dir) {
        ModelSpec spec = smallSpec(SyntheticBatch.CLASSES);
        ModelDirectory.save(dir, manifest(spec, 32, 32), build(SyntheticBatch.CLASSES, 32, 32));
        SyntheticBatch batch = new SyntheticBatch(base, 2, 32, 32, 5);
        try (ModelDirectory.LoadedModel loaded = ModelDirectory.load(dir)) {
            Block model = loaded.block();
            NDArray weight = model.getParameters().valueAt(0).getArray();
            float[] before = weight.toFloatArray();
            Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
            try (NDManager sub = loaded.manager().newSubManager()) {
                Training.step(model, new ParameterStore(loaded.manager(), false), adam, sub, batch.images, batch.labels,
                        SyntheticBatch.CLASSES);
            }
            assertThat(weight.toFloatArray()).isNotEqualTo(before);
        }
    }

    @Test
    void frozenEncoderIsNotUpdated() {
        SyntheticBatch batch = new SyntheticBatch(base, 2, 32, 32, 3);
        SegmentationModel model = (SegmentationModel) build(SyntheticBatch.CLASSES, 32, 32);
        model.freezeEncoder(true);
        NDArray encoderWeight = model.encoder().getParameters().valueAt(0).getArray();
        float[] before = encoderWeight.toFloatArray();
        NDArray headSide = model.decoder().getParameters().valueAt(0).getArray();
        float[] headBefore = headSide.toFloatArray();
        ParameterStore ps = new ParameterStore(base, false);
        Optimizer adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.01f)).build();
        try (NDManager sub = base.newSubManager()) {
            Training.step(model, ps, adam, sub, batch.images, batch.labels, SyntheticBatch.CLASSES);
        }
        assertThat(encoderWeight.toFloatArray()).containsExactly(before);
        assertThat(headSide.toFloatArray()).isNotEqualTo(headBefore);
        model.freezeEncoder(false);
        assertThat(model.encoder().getParameters().valueAt(0).requiresGradient()).isTrue();
        // running statistics never take a gradient (PyTorch's batch norm fails with one)
        assertThat(model.encoder().getParameters().values()).noneMatch(p -> p.requiresGradient()
                && (p.getType() == ai.djl.nn.Parameter.Type.RUNNING_MEAN
                        || p.getType() == ai.djl.nn.Parameter.Type.RUNNING_VAR));
    }

    static ModelManifest manifest(ModelSpec spec, int height, int width) {
        List<ClassInfo> classes = new java.util.ArrayList<>();
        for (int i = 0; i < spec.numClasses(); i++) {
            classes.add(new ClassInfo(i, "class" + i, 10 * i, 20 * i, 30 * i));
        }
        return new ModelManifest(
                ModelManifest.FORMAT_VERSION,
                spec,
                new ClassMeta(classes, 255),
                new ModelManifest.Preprocessing(height, width, new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}, 1.0),
                new ModelManifest.Provenance("test", "0.35.1", "2.7.1", "", 1, "", "2026-11-21T00:00:00Z", Map.of()),
                Map.of());
    }
}
