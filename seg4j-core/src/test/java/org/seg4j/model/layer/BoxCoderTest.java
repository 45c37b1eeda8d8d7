package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.seg4j.model.layer.TorchvisionFixtures.floats;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class BoxCoderTest {

    @Test
    void handComputedOffsets() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray ref = m.create(new float[] {0, 0, 10, 20}, new Shape(1, 4));
            // target centred 2 px right, twice as wide, same height
            NDArray target = m.create(new float[] {-3, 0, 17, 20}, new Shape(1, 4));
            NDArray codes = BoxCoder.BOX_HEAD.encode(target, ref);
            assertThat(codes.toFloatArray()).usingComparatorWithPrecision(1e-6f)
                    .containsExactly(10 * 0.2f, 0f, (float) (5 * Math.log(2)), 0f);
            assertThat(BoxCoder.BOX_HEAD.decode(codes, ref).toFloatArray()).usingComparatorWithPrecision(1e-5f)
                    .containsExactly(-3f, 0f, 17f, 20f);
        }
    }

    @Test
    void agreesWithTorchvision() throws Exception {
        JsonNode fx = TorchvisionFixtures.json("box_coder.json");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray gt = m.create(floats(fx.get("gt")), new Shape(10, 4));
            NDArray proposals = m.create(floats(fx.get("proposals")), new Shape(10, 4));
            NDArray deltas = m.create(floats(fx.get("deltas")), new Shape(10, 4));
            close(BoxCoder.BOX_HEAD.encode(gt, proposals).toFloatArray(), floats(fx.get("encoded")), 1e-4f);
            // the first delta's dw is 30/5 = 6 > log(1000/16): clamped
            close(BoxCoder.BOX_HEAD.decode(deltas, proposals).toFloatArray(), floats(fx.get("decoded")), 1e-3f);
        }
    }

    private static void close(float[] actual, float[] expected, float tolerance) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i).isCloseTo(expected[i], within(tolerance * Math.max(1, Math.abs(expected[i]))));
        }
    }
}
