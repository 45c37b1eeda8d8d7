package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.ScoreFusionMemory;
import org.seg4j.util.GradientsOff;

/**
 * A temporal model with its memory on the output (model option temporal: fusion); {@link
 * TemporalModelTest} runs it through clips too.
 */
class TemporalFusionModelTest {

    private static final int H = 30; // not a multiple of the stride: the state is at the padded size
    private static final int W = 34;
    private static final ModelSpec PER_FRAME = new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1"));

    private static ModelSpec fusion(String blend) {
        Map<String, String> options = new TreeMap<>(PER_FRAME.options());
        options.put(TemporalOptions.TEMPORAL, "fusion");
        options.put(TemporalOptions.BLEND, blend);
        return new ModelSpec("fastscnn", "", 3, 8, options);
    }

    private static Block built(ModelSpec spec, NDManager m) {
        Block b = ModelRegistry.create(spec);
        ModelDirectory.initialize(b, m, H, W);
        return b;
    }

    @Test
    void startsAsTheMovingAverageOfThePerFrameModelsProbabilities() {
        try (NDManager m = NDManager.newBaseManager(); GradientsOff off = GradientsOff.begin()) {
            Block perFrame = built(PER_FRAME, m);
            SegmentationModel temporal = (SegmentationModel) built(fusion("0.3"), m);
            assertThat(temporal.isTemporal()).isTrue();
            assertThat(temporal.temporal()).isInstanceOf(ScoreFusionMemory.class);
            WeightTransfer.Report report = WeightTransfer.copy(perFrame, temporal, "per-frame");
            assertThat(report.fresh()).isNotEmpty().allMatch(n -> n.startsWith("04temporal_"));

            NDArray x0 = m.randomNormal(new Shape(1, 3, H, W));
            NDArray x1 = m.randomNormal(new Shape(1, 3, H, W));
            ParameterStore ps = new ParameterStore(m, false);
            NDArray q0 = perFrame.forward(ps, new NDList(x0), false).head().softmax(1);
            NDArray q1 = perFrame.forward(ps, new NDList(x1), false).head().softmax(1);

            NDList first = temporal.forward(ps, new NDList(x0), false);
            assertThat(maxAbsDiff(q0, first.head().softmax(1))).isLessThan(1e-5f);
            assertThat(first.get(1).getShape()).isEqualTo(new Shape(1, 3, 32, 64));
            NDList second = temporal.forward(ps, new NDList(x1, first.get(1)), false);
            NDArray expected = q1.mul(0.3f).add(q0.mul(0.7f));
            assertThat(maxAbsDiff(expected, second.head().softmax(1))).isLessThan(1e-5f);
        }
    }

    @Test
    void badFusionOptionsAreNamed() {
        assertThatThrownBy(() -> ModelRegistry.create(fusion("1.5")))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal_blend");
        assertThatThrownBy(() -> ModelRegistry.create(fusion("much")))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal_blend");
        assertThat(TemporalOptions.perFrame(fusion("0.2"))).isEqualTo(PER_FRAME);
    }

    private static float maxAbsDiff(NDArray a, NDArray b) {
        return a.sub(b).abs().max().getFloat();
    }
}
