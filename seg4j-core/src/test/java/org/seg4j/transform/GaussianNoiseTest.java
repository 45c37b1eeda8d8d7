package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

class GaussianNoiseTest {

    @Test
    void zeroNoiseChangesNothing() {
        Sample in = LabelledScene.blocks(40, 30, 5, 1);
        Sample out = new GaussianNoise(0).apply(in, new SplittableRandom(3));
        assertThat(out.image().data()).isEqualTo(in.image().data());
        assertThat(out.mask()).isSameAs(in.mask());
    }

    @Test
    void noiseIsZeroMeanWithAStdInsideTheRange() {
        RgbImage grey = RgbImage.blank(100, 100);
        java.util.Arrays.fill(grey.data(), (byte) 128);
        Sample in = new Sample("grey", grey, null);
        for (long seed = 0; seed < 5; seed++) {
            byte[] d = new GaussianNoise(0.1).apply(in, new SplittableRandom(seed)).image().data();
            double sum = 0;
            double sq = 0;
            for (byte b : d) {
                double v = (b & 0xFF) - 128;
                sum += v;
                sq += v * v;
            }
            double mean = sum / d.length;
            double std = Math.sqrt(sq / d.length - mean * mean);
            assertThat(mean).isCloseTo(0, within(0.5));
            assertThat(std).isLessThanOrEqualTo(25.5 + 0.5); // at most 0.1 of 255 (plus rounding)
        }
    }
}
