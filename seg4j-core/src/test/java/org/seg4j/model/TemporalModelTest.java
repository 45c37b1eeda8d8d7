package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.ConvGruMemory;
import org.seg4j.util.GradientsOff;

/** A temporal model (model option temporal: convgru) on DeepLabV3+ and Fast-SCNN. */
class TemporalModelTest {

    private static final int H = 32;
    private static final int W = 32;

    static Stream<ModelSpec> perFrameSpecs() {
        return Stream.of(
                new ModelSpec("deeplabv3plus", "unet", 3, 8, Map.of("depth", "5", "decoder_width", "16")),
                new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1")));
    }

    private static Block built(ModelSpec spec, NDManager m) {
        Block b = ModelRegistry.create(spec);
        ModelDirectory.initialize(b, m, H, W);
        return b;
    }

    @ParameterizedTest
    @MethodSource("perFrameSpecs")
    void startsAsThePerFrameModelItWasInitialisedFrom(ModelSpec spec) {
        try (NDManager m = NDManager.newBaseManager(); GradientsOff off = GradientsOff.begin()) {
            Block perFrame = built(spec, m);
            ModelSpec temporalSpec = TemporalOptions.withMemory(spec, 8);
            SegmentationModel temporal = (SegmentationModel) built(temporalSpec, m);
            assertThat(temporal.isTemporal()).isTrue();

            WeightTransfer.Report report = WeightTransfer.copy(perFrame, temporal, "per-frame");
            assertThat(report.fresh()).isNotEmpty().allMatch(n -> n.startsWith("04temporal_"));
            assertThat(report.copied()).isEqualTo(perFrame.getParameters().size());

            NDArray x = m.randomNormal(new Shape(2, 3, H, W));
            NDArray expected = perFrame.forward(new ParameterStore(m, false), new NDList(x), false).head();
            NDList first = temporal.forward(new ParameterStore(m, false), new NDList(x), false);
            assertThat(first).hasSize(2);
            // a non-zero state (from an earlier frame) does not change the output either, until trained
            NDList second = temporal.forward(new ParameterStore(m, false), new NDList(x, first.get(1)), false);
            float[] e = expected.toFloatArray();
            assertThat(maxAbsDiff(e, first.head().toFloatArray())).isLessThan(1e-5f);
            assertThat(maxAbsDiff(e, second.head().toFloatArray())).isLessThan(1e-5f);
            assertThat(first.get(1).abs().max().getFloat()).isGreaterThan(0f);
        }
    }

    /** Both memories: the ConvGRU on DeepLabV3+ and Fast-SCNN, the output memory on Fast-SCNN. */
    static Stream<ModelSpec> temporalSpecs() {
        ModelSpec fastscnn = new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1"));
        Map<String, String> fusion = new java.util.TreeMap<>(fastscnn.options());
        fusion.put(TemporalOptions.TEMPORAL, "fusion");
        return Stream.concat(perFrameSpecs().map(s -> TemporalOptions.withMemory(s, 8)),
                Stream.of(new ModelSpec("fastscnn", "", 3, 8, fusion)));
    }

    @ParameterizedTest
    @MethodSource("temporalSpecs")
    void aClipInOnePassEqualsItsFramesOneByOneAndTheStateMatters(ModelSpec spec) {
        try (NDManager m = NDManager.newBaseManager(); GradientsOff off = GradientsOff.begin()) {
            SegmentationModel model = (SegmentationModel) built(spec, m);
            // a trained memory: move its weights (the ConvGRU's projection, the fusion's gate) away from the start
            for (Pair<String, Parameter> p : model.temporal().getParameters()) {
                NDArray a = p.getValue().getArray();
                a.set(new NDIndex("..."), new NormalInitializer(0.5f).initialize(m, a.getShape(), a.getDataType()));
            }
            int clips = 2;
            int t = 3;
            NDArray x = m.randomNormal(new Shape(clips * t, 3, H, W));
            PairList<String, Object> params = new PairList<>();
            params.add(ConvGruMemory.CLIP_LENGTH, t);
            NDList together = model.forward(new ParameterStore(m, false), new NDList(x), false, params);
            assertThat(together.head().getShape()).isEqualTo(new Shape(clips * t, 3, H, W));

            NDArray frames = x.reshape(clips, t, 3, H, W);
            NDArray state = null;
            float worst = 0;
            float stateEffect = 0;
            for (int i = 0; i < t; i++) {
                NDArray xi = frames.get(new NDIndex(":, {}", i));
                NDList in = state == null ? new NDList(xi) : new NDList(xi, state);
                NDList out = model.forward(new ParameterStore(m, false), in, false);
                NDArray expected = together.head().reshape(clips, t, 3, H, W).get(new NDIndex(":, {}", i));
                worst = Math.max(worst, maxAbsDiff(expected.toFloatArray(), out.head().toFloatArray()));
                if (state != null) {
                    NDArray fresh = model.forward(new ParameterStore(m, false), new NDList(xi), false).head();
                    stateEffect = Math.max(stateEffect, maxAbsDiff(fresh.toFloatArray(), out.head().toFloatArray()));
                }
                state = out.get(1);
            }
            assertThat(worst).isLessThan(1e-4f);
            assertThat(stateEffect).as("the previous frames change the prediction").isGreaterThan(1e-3f);
            assertThat(maxAbsDiff(state.toFloatArray(), together.get(1).toFloatArray())).isLessThan(1e-4f);
        }
    }

    @Test
    void everyArchitectureAcceptsTheTemporalOptionsAndBadValuesAreNamed() {
        assertThat(ModelOptions.declared("unet", "").stream().map(ModelOption::name))
                .contains(TemporalOptions.TEMPORAL, TemporalOptions.CHANNELS, TemporalOptions.KERNEL);
        assertThatThrownBy(() -> new ModelSpec("fastscnn", "", 3, 8, Map.of("temporal", "lstm")))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal").hasMessageContaining("convgru");
        assertThatThrownBy(() -> ModelRegistry.create(
                        new ModelSpec("fastscnn", "", 3, 8, Map.of("temporal", "convgru", "temporal_kernel", "2"))))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal_kernel");
        ModelSpec temporal = TemporalOptions.withMemory(new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1")), 0);
        assertThat(TemporalOptions.isTemporal(temporal)).isTrue();
        assertThat(TemporalOptions.perFrame(temporal).options()).containsExactly(Map.entry("blocks", "1"));
    }

    private static float maxAbsDiff(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }

    @Test
    void memoryOnlyTrainingUpdatesTheMemoryAloneAndKeepsBatchStatistics() {
        ModelSpec spec = TemporalOptions.withMemory(perFrameSpecs().findFirst().orElseThrow(), 8);
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationModel model = (SegmentationModel) built(spec, m);
            for (Pair<String, Parameter> p : model.temporal().getParameters()) {
                NDArray a = p.getValue().getArray();
                a.set(new NDIndex("..."), new NormalInitializer(0.5f).initialize(m, a.getShape(), a.getDataType()));
            }
            java.util.Set<Parameter> memory = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            model.temporal().getParameters().forEach(p -> memory.add(p.getValue()));
            java.util.Map<String, float[]> before = new java.util.HashMap<>();
            for (Pair<String, Parameter> p : model.getParameters()) {
                before.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }

            model.trainMemoryOnly(true);
            NDArray x = m.randomNormal(new Shape(4, 3, H, W));
            try (ai.djl.training.GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray logits = model.forward(new ParameterStore(m, false), new NDList(x), true).head();
                gc.backward(logits.square().mean());
            }
            int memoryWithGradient = 0;
            for (Pair<String, Parameter> p : model.getParameters()) {
                Parameter param = p.getValue();
                if (memory.contains(param)) {
                    memoryWithGradient += param.getArray().getGradient().abs().sum().getFloat() > 0 ? 1 : 0;
                } else {
                    assertThat(param.requiresGradient()).as(p.getKey()).isFalse();
                    // inference mode: batch-norm running statistics are read, not updated
                    assertThat(java.util.Arrays.equals(param.getArray().toFloatArray(), before.get(p.getKey())))
                            .as(p.getKey() + " unchanged").isTrue();
                }
            }
            assertThat(memoryWithGradient).isEqualTo(memory.size());

            model.trainMemoryOnly(false);
            long trainable = model.getParameters().stream().filter(p -> p.getValue().requiresGradient()).count();
            assertThat(trainable).isGreaterThan(memory.size());
            assertThatThrownBy(() -> ((SegmentationModel) built(perFrameSpecs().findFirst().orElseThrow(), m))
                    .trainMemoryOnly(true)).hasMessageContaining("no temporal memory");
        }
    }
}
