package org.seg4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;

class ImageFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsRgbPngExactly() {
        Path f = TestImages.rgbPng(dir.resolve("a.png"), 7, 5);
        RgbImage img = ImageFiles.read(f);
        assertThat(img.width()).isEqualTo(7);
        assertThat(img.height()).isEqualTo(5);
        assertThat(img.data()).isEqualTo(TestImages.gradient(7, 5).data());
    }

    @Test
    void readsBmpExactly() {
        BufferedImage bi = BufferedImages.toBufferedImage(TestImages.gradient(6, 4));
        Path f = TestImages.writeImageIo(dir.resolve("a.bmp"), bi, "bmp");
        assertThat(ImageFiles.read(f).data()).isEqualTo(TestImages.gradient(6, 4).data());
    }

    @Test
    void readsJpegApproximately() {
        RgbImage solid = RgbImage.blank(16, 16);
        for (int i = 0; i < 256; i++) {
            solid.setRgb(i % 16, i / 16, 0xC86432);
        }
        Path f = TestImages.writeImageIo(dir.resolve("a.jpg"), BufferedImages.toBufferedImage(solid), "jpg");
        RgbImage img = ImageFiles.read(f);
        assertThat(img.get(8, 8, 0)).isBetween(0xC8 - 4, 0xC8 + 4);
        assertThat(img.get(8, 8, 1)).isBetween(0x64 - 4, 0x64 + 4);
        assertThat(img.get(8, 8, 2)).isBetween(0x32 - 4, 0x32 + 4);
    }

    @Test
    void grayBecomesThreeEqualChannelsWithoutGammaChange() {
        Path f = TestImages.grayPng(dir.resolve("g.png"), 3, 1, 0, 100, 255);
        RgbImage img = ImageFiles.read(f);
        assertThat(img.rgb(0, 0)).isEqualTo(0x000000);
        assertThat(img.rgb(1, 0)).isEqualTo(0x646464);
        assertThat(img.rgb(2, 0)).isEqualTo(0xFFFFFF);
    }

    @Test
    void sixteenBitGrayIsScaledToEightBits() {
        BufferedImage bi = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        bi.getRaster().setSample(0, 0, 0, 0x8080);
        bi.getRaster().setSample(1, 0, 0, 0xFFFF);
        Path f = TestImages.writeImageIo(dir.resolve("g16.png"), bi, "png");
        RgbImage img = ImageFiles.read(f);
        assertThat(img.rgb(0, 0)).isEqualTo(0x808080);
        assertThat(img.rgb(1, 0)).isEqualTo(0xFFFFFF);
    }

    @Test
    void paletteBecomesItsColours() {
        Path f = TestImages.palettePng(dir.resolve("p.png"), 2, 1, 0, 3);
        RgbImage img = ImageFiles.read(f);
        assertThat(img.rgb(0, 0)).isEqualTo(0xFF0021);
        assertThat(img.rgb(1, 0)).isEqualTo(((255 - 3) << 16) | (21 << 8) | 33);
    }

    @Test
    void alphaIsDroppedKeepingTheColour() {
        RgbImage rgb = TestImages.gradient(4, 3);
        byte[] alpha = new byte[12];
        alpha[5] = (byte) 128;
        Path f = dir.resolve("rgba.png");
        PngFiles.writeRgba(f, rgb, alpha);
        assertThat(ImageFiles.read(f).data()).isEqualTo(rgb.data());
    }

    @Test
    void headerGivesSizeAndFormat() {
        Path f = TestImages.rgbPng(dir.resolve("a.png"), 9, 4);
        assertThat(ImageFiles.header(f)).isEqualTo(new ImageHeader(9, 4, "png"));
    }

    @Test
    void missingFileIsNamed() {
        Path f = dir.resolve("nope.png");
        assertThatThrownBy(() -> ImageFiles.read(f))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(f + ": image file not found");
    }

    @Test
    void nonImageFileIsRefused() throws IOException {
        Path f = Files.writeString(dir.resolve("notes.png"), "hello, not an image");
        assertThatThrownBy(() -> ImageFiles.read(f))
                .isInstanceOf(Seg4jException.class)
                .hasMessageStartingWith(f + ": not a readable image");
    }

    @Test
    void truncatedPngIsRefused() throws IOException {
        Path f = TestImages.rgbPng(dir.resolve("t.png"), 64, 64);
        TestImages.truncate(f, (int) Files.size(f) / 2);
        assertThatThrownBy(() -> ImageFiles.read(f))
                .isInstanceOf(Seg4jException.class)
                .hasMessageStartingWith(f + ": corrupt or truncated image");
    }

    @Test
    void pngCutInsideTheHeaderIsRefused() throws IOException {
        Path f = TestImages.rgbPng(dir.resolve("t.png"), 8, 8);
        TestImages.truncate(f, 20);
        assertThatThrownBy(() -> ImageFiles.read(f))
                .isInstanceOf(Seg4jException.class)
                .hasMessageStartingWith(f + ": corrupt");
    }

    @Test
    void truncatedJpegIsRefused() throws IOException {
        BufferedImage bi = BufferedImages.toBufferedImage(TestImages.gradient(64, 64));
        Path f = TestImages.writeImageIo(dir.resolve("t.jpg"), bi, "jpg");
        TestImages.truncate(f, (int) Files.size(f) / 2);
        assertThatThrownBy(() -> ImageFiles.read(f))
                .isInstanceOf(Seg4jException.class)
                .hasMessageStartingWith(f + ": corrupt or truncated image");
    }

    @Test
    void hugeDeclaredImageIsRefusedFromTheHeaderAlone() throws IOException {
        Path f = TestImages.hugeDeclaredPng(dir.resolve("huge.png"), 100_000, 100_000);
        long start = System.nanoTime();
        assertThatThrownBy(() -> ImageFiles.read(f))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(f + ": image is 100000x100000 (10000 MP), over the limit of 100 MP");
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(5.0);
    }

    @Test
    void limitIsConfigurable() {
        Path f = TestImages.rgbPng(dir.resolve("a.png"), 20, 10);
        assertThat(ImageFiles.read(f, 200).width()).isEqualTo(20);
        assertThatThrownBy(() -> ImageFiles.read(f, 199))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(f + ": image is 20x10 (0.0002 MP), over the limit of 0.000199 MP");
    }

    @Test
    void megapixelFormatting() {
        assertThat(ImageFiles.megapixels(100_000_000)).isEqualTo("100");
        assertThat(ImageFiles.megapixels(172_800)).isEqualTo("0.2");
        assertThat(ImageFiles.megapixels(12_345_678)).isEqualTo("12.3");
    }

    @Test
    void recognisesImageNames() {
        assertThat(ImageFiles.isImageName(Path.of("a.PNG"))).isTrue();
        assertThat(ImageFiles.isImageName(Path.of("a.jpeg"))).isTrue();
        assertThat(ImageFiles.isImageName(Path.of("a.txt"))).isFalse();
        assertThat(ImageFiles.isImageName(Path.of(".png"))).isFalse();
    }
}
