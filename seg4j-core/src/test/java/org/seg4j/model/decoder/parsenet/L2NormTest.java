package org.seg4j.model.decoder.parsenet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;

class L2NormTest {

    @Test
    void normalisesEachPositionAcrossChannelsThenScales() {
        try (NDManager m = NDManager.newBaseManager()) {
            // Two channels, three positions: (3, 4), (0, 0), (-1, 0).
            NDArray x = m.create(new float[] {3, 0, -1, 4, 0, 0}, new Shape(1, 2, 1, 3));
            L2Norm norm = new L2Norm(2, 10f);
            norm.initialize(m, DataType.FLOAT32, x.getShape());
            assertThat(norm.getParameters().get("scale").getArray().toFloatArray()).containsExactly(10f, 10f);
            NDArray y;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                x.setRequiresGradient(true);
                y = norm.forward(new ParameterStore(m, false), new NDList(x), true).head();
                gc.backward(y.sum());
            }
            float[] expected = {6, 0, -10, 8, 0, 0};
            float[] actual = y.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-4f));
            }
            assertThat(x.getGradient().isNaN().any().getBoolean()).isFalse();
            // d(sum y)/d scale_c = sum of the normalised channel c: 0.6 + 0 - 1 and 0.8.
            float[] g = norm.getParameters().get("scale").getArray().getGradient().toFloatArray();
            assertThat(g[0]).isCloseTo(-0.4f, within(1e-4f));
            assertThat(g[1]).isCloseTo(0.8f, within(1e-4f));
        }
    }

    @Test
    void decoderConcatenatesLocalAndUnpooledGlobalFeatures() {
        try (NDManager base = NDManager.newBaseManager()) {
            SegmentationModel model =
                    (SegmentationModel) ModelRegistry.create(new ModelSpec("parsenet", "vgg16", 2, 4, Map.of()));
            assertThat(model.decoder().outChannels()).isEqualTo(64);
            ModelDirectory.initialize(model, base, 45, 70);
            try (NDManager sub = base.newSubManager()) {
                NDArray x = sub.randomUniform(0, 1, new Shape(1, 32, 3, 5));
                NDArray out = model.decoder().forward(new ParameterStore(base, false), new NDList(x), false).head();
                assertThat(out.getShape()).isEqualTo(new Shape(1, 64, 3, 5));
                // Every position's local half has norm 10 (the initial scale), the global half is constant.
                NDArray localNorm = out.get(":, :32").square().sum(new int[] {1}).sqrt();
                assertThat(localNorm.sub(10f).abs().max().getFloat()).isLessThan(1e-3f);
                NDArray global = out.get(":, 32:");
                assertThat(global.sub(global.get(":, :, :1, :1")).abs().max().getFloat()).isEqualTo(0f);
                NDList logits = model.forward(new ParameterStore(base, false),
                        new NDList(sub.randomUniform(0, 1, new Shape(1, 3, 45, 70))), true);
                assertThat(logits.head().getShape()).isEqualTo(new Shape(1, 2, 45, 70));
            }
        }
    }
}
