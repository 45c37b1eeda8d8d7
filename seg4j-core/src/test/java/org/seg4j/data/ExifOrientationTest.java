package org.seg4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExifOrientationTest {

    @TempDir
    Path tmp;

    private static final int TL = 0xff0000;
    private static final int TR = 0x00ff00;
    private static final int BL = 0x0000ff;
    private static final int BR = 0xffffff;

    /** A 4x2 stored image with a distinct colour in each corner and black elsewhere. */
    private static BufferedImage corners() {
        BufferedImage img = new BufferedImage(4, 2, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, TL);
        img.setRGB(3, 0, TR);
        img.setRGB(0, 1, BL);
        img.setRGB(3, 1, BR);
        return img;
    }

    // Each row: orientation, then where the stored top-left and top-right corners appear upright
    // (tl = top-left, tr = top-right, bl = bottom-left, br = bottom-right), from the EXIF 2.3 table.
    @ParameterizedTest
    @CsvSource({
        "1, tl, tr", "2, tr, tl", "3, br, bl", "4, bl, br",
        "5, tl, bl", "6, tr, br", "7, br, tr", "8, bl, tl"})
    void storedCornersLandWhereTheExifTableSays(int orientation, String topLeftTo, String topRightTo) {
        BufferedImage up = ExifOrientation.upright(corners(), orientation);
        boolean swap = orientation >= 5;
        assertThat(up.getWidth()).isEqualTo(swap ? 2 : 4);
        assertThat(up.getHeight()).isEqualTo(swap ? 4 : 2);
        assertThat(rgb(up, topLeftTo)).isEqualTo(TL);
        assertThat(rgb(up, topRightTo)).isEqualTo(TR);
    }

    @Test
    void readsTheTagFromAJpegAndReadUprightRotates() throws IOException {
        BufferedImage stored = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Path rotated = tmp.resolve("portrait.jpg");
        Files.write(rotated, ExifFixtures.jpegWithOrientation(stored, 6));
        Path plain = tmp.resolve("plain.jpg");
        ImageIO.write(stored, "jpg", plain.toFile());

        assertThat(ExifOrientation.of(rotated)).isEqualTo(6);
        assertThat(ExifOrientation.of(plain)).isEqualTo(ExifOrientation.NORMAL);
        RgbImage upright = ImageFiles.readUpright(rotated);
        assertThat(upright.width()).isEqualTo(20);
        assertThat(upright.height()).isEqualTo(40);
        RgbImage asStored = ImageFiles.read(rotated);
        assertThat(asStored.width()).isEqualTo(40);
    }

    @Test
    void unreadableMetadataMeansNormal() throws IOException {
        Path junk = tmp.resolve("junk.jpg");
        Files.write(junk, new byte[] {1, 2, 3});
        assertThat(ExifOrientation.of(junk)).isEqualTo(ExifOrientation.NORMAL);
    }

    private static int rgb(BufferedImage img, String corner) {
        int x = corner.endsWith("l") ? 0 : img.getWidth() - 1;
        int y = corner.startsWith("t") ? 0 : img.getHeight() - 1;
        return img.getRGB(x, y) & 0xffffff;
    }
}
