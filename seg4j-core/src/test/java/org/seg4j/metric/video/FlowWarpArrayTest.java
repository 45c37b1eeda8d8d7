package org.seg4j.metric.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** The differentiable bilinear warp of feature maps (a recurrent state) and the flow resize. */
class FlowWarpArrayTest {

    private static final int C = 3;
    private static final int H = 6;
    private static final int W = 8;

    private static NDArray flow(NDManager m, float dx, float dy) {
        return FlowWarp.toArray(m, FlowField.constant(W, H, dx, dy)).repeat(0, 2);
    }

    @Test
    void aWholePixelTranslationShiftsTheStateAndZeroesWhatComesIntoView() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray state = m.randomNormal(new Shape(2, C, H, W));
            float[] s = state.toFloatArray();
            // pixel (x, y) reads (x + 2, y - 1): content moved 2 left and 1 down since the previous frame
            float[] out = FlowWarp.bilinear(state, flow(m, 2, -1)).toFloatArray();
            for (int n = 0; n < 2; n++) {
                for (int c = 0; c < C; c++) {
                    for (int y = 0; y < H; y++) {
                        for (int x = 0; x < W; x++) {
                            int i = ((n * C + c) * H + y) * W + x;
                            boolean inside = x + 2 < W && y - 1 >= 0;
                            float expected = inside ? s[((n * C + c) * H + y - 1) * W + x + 2] : 0f;
                            assertThat(out[i]).as("n%d c%d (%d, %d)", n, c, x, y).isCloseTo(expected, offset(1e-5f));
                        }
                    }
                }
            }
        }
    }

    @Test
    void aHalfPixelShiftAveragesNeighboursAndANonFiniteFlowReadsZero() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray state = m.create(new float[] {0, 2, 4, 6}, new Shape(1, 1, 1, 4));
            float nan = Float.NaN;
            FlowField f = new FlowField(4, 1, new float[] {0.5f, 0, 0.25f, 0, nan, 0, -0.5f, 0});
            float[] out = FlowWarp.bilinear(state, FlowWarp.toArray(m, f)).toFloatArray();
            assertThat(out).containsExactly(new float[] {1f, 2.5f, 0f, 5f}, offset(1e-5f));
        }
    }

    @Test
    void theGradientReachesThePreviousStateThroughTheWarp() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray state = m.randomNormal(new Shape(1, 1, H, W));
            state.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray out = FlowWarp.bilinear(state, FlowWarp.toArray(m, FlowField.constant(W, H, 1, 0)));
                gc.backward(out.sum());
            }
            float[] g = state.getGradient().toFloatArray();
            // each output pixel reads x + 1: column 0 is read by nobody, every other column once
            for (int y = 0; y < H; y++) {
                for (int x = 0; x < W; x++) {
                    assertThat(g[y * W + x]).as("(%d, %d)", x, y).isCloseTo(x == 0 ? 0f : 1f, offset(1e-6f));
                }
            }
        }
    }

    @Test
    void resizeAveragesBlocksAndRescalesTheDisplacement() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] d = new float[2 * 4 * 2];
            for (int y = 0; y < 2; y++) {
                for (int x = 0; x < 4; x++) {
                    d[2 * (y * 4 + x)] = x; // dx 0 1 2 3 per column
                    d[2 * (y * 4 + x) + 1] = 8; // dy 8 everywhere
                }
            }
            NDArray small = FlowWarp.resize(FlowWarp.toArray(m, new FlowField(4, 2, d)), 1, 2);
            assertThat(small.getShape()).isEqualTo(new Shape(1, 2, 1, 2));
            // columns {0, 1} and {2, 3} average to 0.5 and 2.5, times 2 / 4; dy 8 times 1 / 2
            assertThat(small.toFloatArray()).containsExactly(new float[] {0.25f, 1.25f, 4f, 4f}, offset(1e-6f));
            assertThatThrownBy(() -> FlowWarp.bilinear(m.zeros(new Shape(1, 2, 3, 3)), m.zeros(new Shape(1, 2, 3, 4))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("N x 2 x H x W flow");
        }
    }
}
