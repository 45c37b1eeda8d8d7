package org.seg4j.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seg4j.util.SeparableGaussian.Border;

class SeparableGaussianTest {

    // exp(-k^2 / 2) for k = 0, 1, 2 divided by their sum 1 + 2 (e^-0.5 + e^-2) = 2.4837319
    private static final double T0 = 0.4026199;
    private static final double T1 = 0.2442013;
    private static final double T2 = 0.0544887;

    // sigma with exp(-1 / (2 sigma^2)) = 1/2: a radius-1 kernel is exactly (1/4, 1/2, 1/4)
    private static final double BINOMIAL_SIGMA = 1 / Math.sqrt(2 * Math.log(2));

    @Test
    void impulseResponseIsTheOuterProductOfTheTaps() {
        SeparableGaussian g = SeparableGaussian.truncatedAt(1.0, 2.0, Border.REFLECT);
        assertThat(g.radius()).isEqualTo(2); // (int) (2.0 * 1.0 + 0.5)
        assertThat(g.taps()).containsExactly(new double[] {T2, T1, T0, T1, T2}, within(1e-7));
        float[] img = new float[7 * 7];
        img[3 * 7 + 3] = 1;
        float[] out = g.filter(img, 7, 7);
        assertThat(out[3 * 7 + 3]).isCloseTo((float) (T0 * T0), within(1e-6f));
        assertThat(out[3 * 7 + 4]).isCloseTo((float) (T0 * T1), within(1e-6f));
        assertThat(out[2 * 7 + 3]).isCloseTo((float) (T1 * T0), within(1e-6f));
        assertThat(out[2 * 7 + 4]).isCloseTo((float) (T1 * T1), within(1e-6f));
        assertThat(out[1 * 7 + 1]).isCloseTo((float) (T2 * T2), within(1e-6f));
        assertThat(out[0]).isZero(); // three pixels away on both axes: beyond the radius
        assertThat(out[3 * 7]).isZero();
    }

    @Test
    void reflect101MirrorsWithoutRepeatingTheEdge() {
        SeparableGaussian g = SeparableGaussian.withRadius(BINOMIAL_SIGMA, 1, Border.REFLECT_101);
        assertThat(g.taps()).containsExactly(new double[] {0.25, 0.5, 0.25}, within(1e-12));
        // padded row: 2 | 1 2 4 8 | 4
        float[] expected = {1.5f, 2.25f, 4.5f, 6f};
        assertThat(g.filter(new float[] {1, 2, 4, 8}, 4, 1)).containsExactly(expected, within(1e-6f));
        assertThat(g.filter(new float[] {1, 2, 4, 8}, 1, 4)).containsExactly(expected, within(1e-6f));
    }

    @Test
    void reflectRepeatsTheEdge() {
        SeparableGaussian g = SeparableGaussian.withRadius(BINOMIAL_SIGMA, 1, Border.REFLECT);
        // padded row: 1 | 1 2 4 8 | 8
        float[] expected = {1.25f, 2.25f, 4.5f, 7f};
        assertThat(g.filter(new float[] {1, 2, 4, 8}, 4, 1)).containsExactly(expected, within(1e-6f));
        assertThat(g.filter(new float[] {1, 2, 4, 8}, 1, 4)).containsExactly(expected, within(1e-6f));
    }

    @Test
    void borderIndicesBeyondOneMirror() {
        int[] reflect101 = new int[12];
        int[] reflect = new int[12];
        for (int i = -4; i < 8; i++) {
            reflect101[i + 4] = Border.REFLECT_101.index(i, 4);
            reflect[i + 4] = Border.REFLECT.index(i, 4);
        }
        // a b c d = 0 1 2 3
        assertThat(reflect101).containsExactly(2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1);
        assertThat(reflect).containsExactly(3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0);
        assertThat(Border.REFLECT_101.index(-3, 1)).isZero();
        assertThat(Border.REFLECT.index(5, 1)).isZero();
    }

    @Test
    void interleavedChannelsAreFilteredApart() {
        SeparableGaussian g = SeparableGaussian.withRadius(BINOMIAL_SIGMA, 1, Border.REFLECT_101);
        // two channels: the row 1 2 4 8 and a constant 5
        float[] out = g.filter(new float[] {1, 5, 2, 5, 4, 5, 8, 5}, 4, 1, 2);
        assertThat(out).containsExactly(new float[] {1.5f, 5, 2.25f, 5, 4.5f, 5, 6f, 5}, within(1e-6f));
    }

    @Test
    void truncationRoundsToTheNearestPixelAsScipy() {
        assertThat(SeparableGaussian.truncatedAt(0.8, 4.0, Border.REFLECT).radius()).isEqualTo(3); // 3.2
        assertThat(SeparableGaussian.truncatedAt(0.875, 4.0, Border.REFLECT).radius()).isEqualTo(4); // 3.5
        assertThat(SeparableGaussian.truncatedAt(1.0, 4.0, Border.REFLECT).radius()).isEqualTo(4);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> SeparableGaussian.truncatedAt(0, 4, Border.REFLECT)).hasMessageContaining("sigma");
        assertThatThrownBy(() -> SeparableGaussian.truncatedAt(1, 0, Border.REFLECT)).hasMessageContaining("truncation");
        assertThatThrownBy(() -> SeparableGaussian.withRadius(1, -1, Border.REFLECT)).hasMessageContaining("radius");
        SeparableGaussian g = SeparableGaussian.withRadius(1, 1, Border.REFLECT);
        assertThatThrownBy(() -> g.filter(new float[5], 2, 2)).hasMessageContaining("5 values, not 2x2x1");
    }
}
