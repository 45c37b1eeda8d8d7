package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

class RandomGammaTest {

    /** A generator whose every {@code nextDouble()} is {@code u}. */
    private static RandomGenerator fixed(double u) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new UnsupportedOperationException();
            }

            @Override
            public double nextDouble() {
                return u;
            }
        };
    }

    private static Sample pixels(int... values) {
        byte[] d = new byte[values.length * 3];
        for (int i = 0; i < values.length; i++) {
            d[3 * i] = (byte) values[i];
            d[3 * i + 1] = (byte) values[i];
            d[3 * i + 2] = (byte) 255;
        }
        return new Sample("p", new RgbImage(values.length, 1, d), null);
    }

    @Test
    void theExtremesOfTheRangeAreTheCurvesWorkedOutByHand() {
        Sample in = pixels(0, 64, 128, 255);
        // range 1: u = 1 gives gamma 2 (darker), u = 0 gives gamma 1/2 (brighter)
        byte[] dark = new RandomGamma(1).apply(in, fixed(1.0)).image().data();
        byte[] bright = new RandomGamma(1).apply(in, fixed(0.0)).image().data();
        // 255 (64/255)^2 = 16.06; 255 (128/255)^2 = 64.25; 255 sqrt(64/255) = 127.75; 255 sqrt(128/255) = 180.67
        assertThat(new int[] {dark[0] & 0xFF, dark[3] & 0xFF, dark[6] & 0xFF, dark[9] & 0xFF})
                .containsExactly(0, 16, 64, 255);
        assertThat(new int[] {bright[0] & 0xFF, bright[3] & 0xFF, bright[6] & 0xFF, bright[9] & 0xFF})
                .containsExactly(0, 128, 181, 255);
        assertThat(dark[5] & 0xFF).as("every channel through the same curve").isEqualTo(255);
    }

    @Test
    void theMiddleOfTheRangeAndRangeZeroChangeNothingAndTheMaskPassesThrough() {
        Sample in = LabelledScene.blocks(40, 30, 5, 1);
        Sample mid = new RandomGamma(0.5).apply(in, fixed(0.5));
        assertThat(mid.image().data()).isEqualTo(in.image().data());
        assertThat(mid.mask()).isSameAs(in.mask());
        Sample none = new RandomGamma(0).apply(in, new SplittableRandom(7));
        assertThat(none.image().data()).isEqualTo(in.image().data());
    }

    @Test
    void curvesKeepTheOrderOfValues() {
        for (double gamma : new double[] {0.4, 0.8, 1.3, 2.5}) {
            byte[] lut = RandomGamma.curve(gamma);
            for (int x = 1; x < 256; x++) {
                assertThat(lut[x] & 0xFF).isGreaterThanOrEqualTo(lut[x - 1] & 0xFF);
            }
            assertThat(lut[0]).isZero();
            assertThat(lut[255] & 0xFF).isEqualTo(255);
        }
    }

    @Test
    void aNegativeRangeIsAnError() {
        assertThatThrownBy(() -> new RandomGamma(-0.1))
                .hasMessageContaining("RandomGamma: range must be in [0.0, 4.0]");
    }
}
