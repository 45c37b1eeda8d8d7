package org.seg4j.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

class GaussianBlurTest {

    @Test
    void impulseResponseIsTheSampledGaussian() {
        RgbImage img = RgbImage.blank(15, 15);
        int c = (7 * 15 + 7) * 3;
        img.data()[c] = (byte) 255;
        RgbImage out = GaussianBlur.blur(img, 1.0);
        // 1D weights exp(-i^2 / 2) for |i| <= 3, normalised: centre 1 / 2.50663 (to 5 digits)
        double sum = 1 + 2 * (Math.exp(-0.5) + Math.exp(-2) + Math.exp(-4.5));
        double k0 = 1 / sum;
        double k1 = Math.exp(-0.5) / sum;
        assertThat(out.data()[c] & 0xFF).isEqualTo((int) Math.round(255 * k0 * k0));
        assertThat(out.data()[c + 3] & 0xFF).isEqualTo((int) Math.round(255 * k0 * k1));
        assertThat(out.data()[c + 15 * 3] & 0xFF).isEqualTo((int) Math.round(255 * k0 * k1));
        assertThat(out.data()[c + 1] & 0xFF).isZero(); // channels stay separate
        assertThat(out.data()[0] & 0xFF).isZero(); // beyond 3 sigma
    }

    @Test
    void flatImageStaysFlatIncludingBorders() {
        RgbImage img = RgbImage.blank(9, 5);
        java.util.Arrays.fill(img.data(), (byte) 77);
        assertThat(GaussianBlur.blur(img, 1.7).data()).containsOnly((byte) 77);
    }

    @Test
    void maskIsUntouchedAndProbabilityZeroKeepsTheImage() {
        Sample in = LabelledScene.blocks(40, 30, 5, 3);
        Sample never = new GaussianBlur(0, 0.1, 2).apply(in, new SplittableRandom(1));
        assertThat(never.image().data()).isEqualTo(in.image().data());
        Sample always = new GaussianBlur(1, 1.5, 2).apply(in, new SplittableRandom(1));
        assertThat(always.image().data()).isNotEqualTo(in.image().data());
        assertThat(always.mask()).isSameAs(in.mask());
    }

    @Test
    void badSettingsAreRejectedByName() {
        assertThatThrownBy(() -> new GaussianBlur(1.5, 0.1, 2)).hasMessageContaining("GaussianBlur: probability");
        assertThatThrownBy(() -> new GaussianBlur(0.5, 2, 1)).hasMessageContaining("GaussianBlur: sigmaMax");
    }
}
