package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.seg4j.model.layer.TorchvisionFixtures.floats;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class RoiAlignTest {

    @Test
    void handComputedSamples() {
        try (NDManager m = NDManager.newBaseManager()) {
            // 4x4 map with value 4y + x
            NDArray f = m.arange(0f, 16f).reshape(1, 1, 4, 4);
            // box (0,0)-(2,2), one bin, one sample at its centre (1, 1): value 5
            NDArray one = RoiAlign.apply(f, m.create(new float[] {0, 0, 0, 2, 2}, new Shape(1, 5)), 1, 1, 1f, 1, false);
            assertThat(one.toFloatArray()).containsExactly(5f);
            // box (0,0)-(3,1), 1x2 bins, one sample each: (0.75, 0.5) and (2.25, 0.5) -> 2.75, 4.25
            NDArray two = RoiAlign.apply(f, m.create(new float[] {0, 0, 0, 3, 1}, new Shape(1, 5)), 1, 2, 1f, 1, false);
            assertThat(two.toFloatArray()).usingComparatorWithPrecision(1e-6f).containsExactly(2.75f, 4.25f);
            // aligned: the same box shifted by half a pixel, sample at (0.5, 0.5) -> 2.5
            NDArray aligned = RoiAlign.apply(f, m.create(new float[] {0, 0, 0, 2, 2}, new Shape(1, 5)), 1, 1, 1f, 1, true);
            assertThat(aligned.toFloatArray()).usingComparatorWithPrecision(1e-6f).containsExactly(2.5f);
            // a sample beyond the last row/column takes the edge pixel; more than 1 px outside gives 0
            NDArray edge = RoiAlign.apply(f, m.create(new float[] {0, 3, 3, 4.2f, 4.2f, 0, 6, 6, 7, 7},
                    new Shape(2, 5)), 1, 1, 1f, 1, false);
            assertThat(edge.toFloatArray()).containsExactly(15f, 0f);
        }
    }

    @Test
    void agreesWithTorchvision() throws Exception {
        JsonNode fx = TorchvisionFixtures.json("roi_align.json");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = features(m, fx);
            NDArray rois = m.create(floats(fx.get("rois")), new Shape(7, 5));
            for (boolean aligned : new boolean[] {false, true}) {
                NDArray out = RoiAlign.apply(f, rois, 5, 4, 0.5f, 2, aligned);
                assertThat(out.getShape()).isEqualTo(new Shape(7, 3, 5, 4));
                float[] expected = floats(fx.get(aligned ? "aligned" : "unaligned"));
                float[] actual = out.toFloatArray();
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("aligned=%s, element %d", aligned, i).isCloseTo(expected[i], within(1e-5f));
                }
            }
        }
    }

    @Test
    void gradientsReachTheFeaturesAsInTorchvision() throws Exception {
        JsonNode fx = TorchvisionFixtures.json("roi_align.json");
        try (NDManager m = NDManager.newBaseManager()) {
            for (boolean aligned : new boolean[] {false, true}) {
                NDArray f = features(m, fx);
                f.setRequiresGradient(true);
                NDArray rois = m.create(floats(fx.get("rois")), new Shape(7, 5));
                NDArray g = m.create(floats(fx.get("gradWeights")), new Shape(7, 3, 5, 4));
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = RoiAlign.apply(f, rois, 5, 4, 0.5f, 2, aligned).mul(g).sum();
                    gc.backward(loss);
                }
                float[] expected = floats(fx.get(aligned ? "alignedGrad" : "unalignedGrad"));
                float[] actual = f.getGradient().toFloatArray();
                double norm = 0;
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("aligned=%s, gradient %d", aligned, i).isCloseTo(expected[i], within(1e-5f));
                    norm += Math.abs(actual[i]);
                }
                assertThat(norm).isGreaterThan(1);
            }
        }
    }

    @Test
    void noRegionsGiveAnEmptyResult() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray out = RoiAlign.apply(m.ones(new Shape(1, 2, 4, 4)), m.zeros(new Shape(0, 5)), 3, 3, 1f, 2, false);
            assertThat(out.getShape()).isEqualTo(new Shape(0, 2, 3, 3));
        }
    }

    private static NDArray features(NDManager m, JsonNode fx) {
        JsonNode s = fx.get("featureShape");
        return m.create(floats(fx.get("features")), new Shape(s.get(0).asLong(), s.get(1).asLong(), s.get(2).asLong(),
                s.get(3).asLong()));
    }
}
