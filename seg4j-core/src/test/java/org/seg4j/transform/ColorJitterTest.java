package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

class ColorJitterTest {

    @Test
    void zeroJitterChangesNothing() {
        Sample in = LabelledScene.blocks(40, 30, 5, 1);
        Sample out = new ColorJitter(0, 0, 0, 0).apply(in, new SplittableRandom(1));
        assertThat(out.image().data()).isEqualTo(in.image().data());
        assertThat(out.mask()).isSameAs(in.mask());
    }

    @Test
    void saturationAndHueKeepGreysGrey() {
        RgbImage grey = RgbImage.blank(16, 8);
        for (int i = 0; i < grey.data().length; i++) {
            grey.data()[i] = (byte) ((i / 3) * 2);
        }
        Sample in = new Sample("grey", grey, null);
        for (long seed = 0; seed < 10; seed++) {
            RgbImage out = new ColorJitter(0, 0, 0.9, 0.5).apply(in, new SplittableRandom(seed)).image();
            for (int p = 0; p < out.data().length; p += 3) {
                assertThat(Math.abs((out.data()[p] & 0xFF) - (grey.data()[p] & 0xFF))).isLessThanOrEqualTo(1);
                assertThat(Math.abs((out.data()[p + 1] & 0xFF) - (out.data()[p + 2] & 0xFF))).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    void brightnessScalesTheMeanWithinItsRange() {
        Sample in = LabelledScene.blocks(40, 30, 5, 2);
        double base = mean(in.image());
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (long seed = 0; seed < 30; seed++) {
            double m = mean(new ColorJitter(0.4, 0, 0, 0).apply(in, new SplittableRandom(seed)).image());
            lo = Math.min(lo, m);
            hi = Math.max(hi, m);
        }
        assertThat(lo).isGreaterThanOrEqualTo(0.6 * base - 1).isLessThan(0.95 * base);
        assertThat(hi).isLessThanOrEqualTo(1.4 * base + 1).isGreaterThan(1.02 * base);
    }

    @Test
    void hueShiftChangesColouredPixels() {
        Sample in = LabelledScene.blocks(40, 30, 5, 3);
        RgbImage out = new ColorJitter(0, 0, 0, 0.5).apply(in, new SplittableRandom(7)).image();
        assertThat(out.data()).isNotEqualTo(in.image().data());
    }

    private static double mean(RgbImage img) {
        long s = 0;
        for (byte b : img.data()) {
            s += b & 0xFF;
        }
        return (double) s / img.data().length;
    }
}
