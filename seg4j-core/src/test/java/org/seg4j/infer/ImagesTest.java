package org.seg4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;

class ImagesTest {

    @Test
    void bilinearResize() {
        RgbImage img = RgbImage.blank(4, 2);
        for (int x = 0; x < 4; x++) {
            img.setRgb(x, 0, x % 2 == 0 ? 0 : 0xC8C8C8);
            img.setRgb(x, 1, x % 2 == 0 ? 0 : 0xC8C8C8);
        }
        assertThat(Images.resizeBilinear(img, 4, 2)).isSameAs(img);
        RgbImage half = Images.resizeBilinear(img, 2, 1);
        assertThat(half.get(0, 0, 0)).isEqualTo(100);
        assertThat(half.get(1, 0, 1)).isEqualTo(100);
        RgbImage up = Images.resizeBilinear(half, 9, 7);
        assertThat(up.width()).isEqualTo(9);
        assertThat(up.get(8, 6, 2)).isEqualTo(100);
        float[] planes = Images.resizePlanes(new float[] {1, 1, 1, 1, 0, 2, 0, 2}, 2, 2, 2, 5, 3);
        assertThat(planes).hasSize(30);
        assertThat(planes[7]).isEqualTo(1f);
        assertThat(planes[15]).isEqualTo(0f);
        assertThat(planes[29]).isEqualTo(2f);
    }
}
