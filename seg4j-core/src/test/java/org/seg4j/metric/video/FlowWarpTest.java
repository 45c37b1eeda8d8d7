package org.seg4j.metric.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;

class FlowWarpTest {

    private static final int X = LabelMask.IGNORE;

    static LabelMask mask(int width, int... v) {
        byte[] d = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = (byte) v[i];
        }
        return new LabelMask(width, v.length / width, d);
    }

    private static int[] values(LabelMask m) {
        int[] v = new int[m.data().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = m.data()[i] & 0xFF;
        }
        return v;
    }

    @Test
    void constantShiftTakesTheLabelFromWhereThePixelWentAndLeavesOutsidePixelsOut() {
        LabelMask next = mask(3, 0, 1, 2, 3, 4, 5);
        // everything moved one pixel right: pixel x of the current frame is at x + 1 in the next
        assertThat(values(FlowWarp.backward(next, FlowField.constant(3, 2, 1, 0)))).containsExactly(1, 2, X, 4, 5, X);
        // one down, one left
        assertThat(values(FlowWarp.backward(next, FlowField.constant(3, 2, -1, 1)))).containsExactly(X, 3, 4, X, X, X);
        assertThat(values(FlowWarp.backward(next, FlowField.constant(3, 2, 0, 0)))).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void nearestNeighbourRoundingPerPixelFlowAndNonFiniteFlow() {
        LabelMask next = mask(3, 0, 1, 2, 3, 4, 5);
        float nan = Float.NaN;
        FlowField flow = new FlowField(3, 2, new float[] {
            -0.4f, 0f, /* x0: rounds to 0, kept */ 0.6f, 0f, /* x1: rounds to 2 */ 0.49f, 0.51f, /* (2,0) -> (2,1) */
            -0.6f, 0f, /* (0,1): -0.6 rounds to -1, outside */ nan, 0f, /* NaN: left out */ -2f, -1f, /* (2,1) -> (0,0) */
        });
        assertThat(values(FlowWarp.backward(next, flow))).containsExactly(0, 2, 5, X, X, 0);
    }

    @Test
    void sizesMustMatch() {
        assertThatThrownBy(() -> FlowWarp.backward(LabelMask.filled(3, 2, 0), FlowField.constant(2, 2, 0, 0)))
                .hasMessageContaining("flow is 2x2 but the labels are 3x2");
        assertThatThrownBy(() -> new FlowField(2, 2, new float[4])).hasMessageContaining("expected 2 x 2 x 2 = 8");
    }

    @Test
    void meanFlowSkipsNonFiniteValues() {
        FlowField f = new FlowField(2, 1, new float[] {1f, 2f, Float.NaN, 5f});
        assertThat(f.mean()).containsExactly(1.0, 2.0);
        assertThat(f.dx(0, 0)).isEqualTo(1f);
        assertThat(f.dy(1, 0)).isEqualTo(5f);
    }

    @Test
    void planesFollowTheFlowAndFallBackOutsideTheFrame() {
        // 2 planes of 3x1; flow dx = +1: pixel x takes x + 1; the last pixel has no source
        float[] planes = {1, 2, 3, 10, 20, 30};
        float[] fallback = {-1, -2, -3, -10, -20, -30};
        float[] out = FlowWarp.backward(planes, 2, FlowField.constant(3, 1, 1, 0), fallback);
        assertThat(out).containsExactly(2, 3, -3, 20, 30, -30);
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> FlowWarp.backward(planes, 3, FlowField.constant(3, 1, 0, 0), fallback))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
