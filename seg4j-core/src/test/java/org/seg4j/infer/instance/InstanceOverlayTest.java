package org.seg4j.infer.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;

class InstanceOverlayTest {

    @Test
    void eachInstanceGetsItsOwnColourAndOtherPixelsKeepTheImage() {
        RgbImage image = RgbImage.blank(3, 1);
        image.setRgb(0, 0, 0x102030);
        BufferedImage out = InstanceOverlay.render(image, new int[] {0, 1, 2}, 1.0);
        assertThat(out.getRGB(0, 0) & 0xFFFFFF).isEqualTo(0x102030);
        assertThat(out.getRGB(1, 0) & 0xFFFFFF).isEqualTo(InstanceOverlay.colour(1));
        assertThat(out.getRGB(2, 0) & 0xFFFFFF).isEqualTo(InstanceOverlay.colour(2));
        assertThat(InstanceOverlay.colour(1)).isNotEqualTo(InstanceOverlay.colour(2));
    }
}
