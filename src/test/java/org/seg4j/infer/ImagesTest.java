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
    void grayPngKeepsItsValues(@TempDir Path tmp) throws Exception {
        BufferedImage gray = new BufferedImage(4, 3, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(2, 1, 0, 77);
        Path f = tmp.resolve("g.png");
        ImageIO.write(gray, "png", f.toFile());
        RgbImage img = Images.read(f);
        assertThat(img.width()).isEqualTo(4);
        assertThat(img.rgb(2, 1)).isEqualTo(0x4D4D4D);
        assertThat(img.rgb(0, 0)).isZero();
    }

    @Test
    void rgbRoundTripAndAlphaIsDropped() {
        RgbImage img = TestModels.randomImage(7, 5, 1);
        assertThat(Images.fromBufferedImage(Images.toBufferedImage(img)).data()).isEqualTo(img.data());
        BufferedImage argb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        argb.setRGB(0, 0, 0x80102030);
        assertThat(Images.fromBufferedImage(argb).rgb(0, 0)).isEqualTo(0x102030);
    }

    @Test
    void readErrorsNameTheFile(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.jpg");
        Files.write(bad, new byte[] {1, 2, 3, 4});
        assertThatThrownBy(() -> Images.read(bad)).isInstanceOf(Seg4jException.class).hasMessageContaining("bad.jpg");
        assertThatThrownBy(() -> Images.read(tmp.resolve("missing.png"))).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("missing.png");
    }

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
