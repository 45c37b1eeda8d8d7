package org.seg4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import org.junit.jupiter.api.Test;

class BufferedImagesTest {

    @Test
    void roundTripsThroughBgr() {
        RgbImage img = TestImages.gradient(5, 3);
        BufferedImage bi = BufferedImages.toBufferedImage(img);
        assertThat(bi.getType()).isEqualTo(BufferedImage.TYPE_3BYTE_BGR);
        assertThat(bi.getRGB(2, 1) & 0xFFFFFF).isEqualTo(img.rgb(2, 1));
        assertThat(BufferedImages.toRgbImage(bi).data()).isEqualTo(img.data());
    }

    @Test
    void readsPackedIntImages() {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_INT_BGR}) {
            BufferedImage bi = new BufferedImage(3, 2, type);
            bi.setRGB(1, 1, 0xFF123456);
            bi.setRGB(2, 0, 0xFFABCDEF);
            RgbImage img = BufferedImages.toRgbImage(bi);
            assertThat(img.rgb(1, 1)).as("type %d", type).isEqualTo(0x123456);
            assertThat(img.rgb(2, 0)).as("type %d", type).isEqualTo(0xABCDEF);
            assertThat(img.rgb(0, 0)).as("type %d", type).isZero();
        }
    }

    @Test
    void readsFourByteAbgrAndFallbackTypes() {
        BufferedImage abgr = new BufferedImage(2, 2, BufferedImage.TYPE_4BYTE_ABGR);
        abgr.setRGB(1, 0, 0xFF102030);
        assertThat(BufferedImages.toRgbImage(abgr).rgb(1, 0)).isEqualTo(0x102030);
        BufferedImage ushort565 = new BufferedImage(2, 2, BufferedImage.TYPE_USHORT_565_RGB);
        ushort565.setRGB(0, 1, 0xFFFF0000);
        assertThat(BufferedImages.toRgbImage(ushort565).rgb(0, 1)).isEqualTo(0xFF0000);
    }

    @Test
    void rgbaKeepsAlpha() {
        RgbImage img = TestImages.gradient(2, 1);
        BufferedImage bi = BufferedImages.toBufferedImage(img, new byte[] {(byte) 255, 7});
        assertThat(bi.getRGB(0, 0) >>> 24).isEqualTo(255);
        assertThat(bi.getRGB(1, 0) >>> 24).isEqualTo(7);
        assertThatThrownBy(() -> BufferedImages.toBufferedImage(img, new byte[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void paletteImageHoldsLabelsAndClassColours() {
        ClassMeta meta = ClassMeta.camvid();
        LabelMask mask = new LabelMask(3, 1, new byte[] {0, 3, (byte) 255});
        BufferedImage bi = BufferedImages.toPaletteImage(mask, meta.palette());
        assertThat(bi.getColorModel()).isInstanceOf(IndexColorModel.class);
        assertThat(bi.getRaster().getSample(1, 0, 0)).isEqualTo(3);
        assertThat(bi.getRGB(1, 0) & 0xFFFFFF).isEqualTo(meta.classes().get(3).rgb());
        assertThat(bi.getRGB(2, 0) & 0xFFFFFF).isEqualTo(BufferedImages.VOID_RGB);
    }

    @Test
    void grayImageHoldsLabels() {
        LabelMask mask = new LabelMask(2, 2, new byte[] {0, 1, 2, (byte) 255});
        BufferedImage bi = BufferedImages.toGrayImage(mask);
        assertThat(bi.getRaster().getSample(1, 1, 0)).isEqualTo(255);
        assertThat(bi.getRaster().getSample(0, 1, 0)).isEqualTo(2);
    }
}
