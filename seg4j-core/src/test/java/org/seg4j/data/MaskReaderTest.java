package org.seg4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;

class MaskReaderTest {

    private static final int IGN = LabelMask.IGNORE;

    @TempDir
    Path dir;

    private final MaskReader camvid = new MaskReader(ClassMeta.camvid());

    @Test
    void indexMaskValuesAreClassIdsAndVoidValuesBecomeIgnore() {
        Path f = TestImages.grayPng(dir.resolve("m.png"), 5, 1, 0, 10, 11, 255, 4);
        LabelMask m = camvid.read(f);
        assertThat(m.width()).isEqualTo(5);
        assertThat(new int[] {m.get(0, 0), m.get(1, 0), m.get(2, 0), m.get(3, 0), m.get(4, 0)})
                .containsExactly(0, 10, IGN, IGN, 4);
    }

    @Test
    void indexValueOutsideTheClassListIsAnError() {
        Path f = TestImages.grayPng(dir.resolve("m.png"), 4, 2, 1, 2, 3, 4, 5, 17, 0, 0);
        assertThatThrownBy(() -> camvid.read(f))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(f + ": label value 17 at (1,1) is outside the class list 0..10");
    }

    @Test
    void sixteenBitGrayMaskKeepsRawValues() {
        BufferedImage bi = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        bi.getRaster().setSample(0, 0, 0, 3);
        bi.getRaster().setSample(1, 0, 0, 255);
        bi.getRaster().setSample(2, 0, 0, 300);
        Path f = TestImages.writeImageIo(dir.resolve("m16.png"), bi, "png");
        assertThatThrownBy(() -> camvid.read(f)).hasMessage(f + ": label value 300 at (2,0) is outside the class list 0..10");
        bi.getRaster().setSample(2, 0, 0, 7);
        TestImages.writeImageIo(f, bi, "png");
        assertThat(camvid.read(f).data()).containsExactly(3, (byte) IGN, 7);
    }

    @Test
    void paletteMaskUsesIndicesNotColours() {
        Path f = TestImages.palettePng(dir.resolve("p.png"), 4, 1, 0, 20, 255, 7);
        LabelMask m = new MaskReader(ClassMeta.voc()).read(f);
        assertThat(m.data()).containsExactly(0, 20, (byte) IGN, 7);
    }

    @Test
    void paletteIndexOutsideTheClassListIsAnError() {
        Path f = TestImages.palettePng(dir.resolve("p.png"), 3, 2, 0, 1, 2, 3, 21, 0);
        assertThatThrownBy(() -> new MaskReader(ClassMeta.voc()).read(f))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(f + ": label value 21 at (1,1) is outside the class list 0..20");
    }

    @Test
    void lowBitDepthPaletteMaskIsRead() throws IOException {
        byte[] c = new byte[16];
        for (int i = 0; i < 16; i++) {
            c[i] = (byte) (i * 16);
        }
        BufferedImage bi = new BufferedImage(5, 2, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(4, 16, c, c, c));
        bi.getRaster().setSample(3, 1, 0, 9);
        bi.getRaster().setSample(4, 0, 0, 11);
        Path f = TestImages.writeImageIo(dir.resolve("p4.png"), bi, "png");
        assertThat(ImageIO.read(f.toFile()).getColorModel()).isInstanceOf(IndexColorModel.class);
        LabelMask m = camvid.read(f);
        assertThat(m.get(3, 1)).isEqualTo(9);
        assertThat(m.get(4, 0)).isEqualTo(IGN);
        assertThat(m.get(0, 0)).isZero();
    }

    @Test
    void colourMaskMapsClassColoursAndBlackToVoid() {
        ClassMeta meta = ClassMeta.camvid();
        int road = meta.classes().get(3).rgb();
        int sky = meta.classes().get(0).rgb();
        Path f = TestImages.colourPng(dir.resolve("c.png"), 3, 1, road, 0x000000, sky);
        LabelMask m = camvid.read(f);
        assertThat(m.data()).containsExactly(3, (byte) IGN, 0);
    }

    @Test
    void unknownColourIsAnErrorNamingColourAndPosition() {
        int road = ClassMeta.camvid().classes().get(3).rgb();
        Path f = TestImages.colourPng(dir.resolve("c.png"), 3, 2, road, road, road, road, 0x010203, road);
        assertThatThrownBy(() -> camvid.read(f))
                .isInstanceOf(Seg4jException.class)
                .hasMessageStartingWith(f + ": colour (1, 2, 3) at (1,1) is not the colour of any class");
    }

    @Test
    void classColourWinsOverDefaultVoidColour() {
        // VOC's background class is black, so black is a class there, not void
        ClassMeta voc = ClassMeta.voc();
        Path f = TestImages.colourPng(dir.resolve("c.png"), 3, 1, 0x000000, BufferedImages.VOID_RGB,
                voc.classes().get(15).rgb());
        assertThat(new MaskReader(voc).read(f).data()).containsExactly(0, (byte) IGN, 15);
    }

    @Test
    void explicitVoidColoursReplaceTheDefaults() {
        int road = ClassMeta.camvid().classes().get(3).rgb();
        Path f = TestImages.colourPng(dir.resolve("c.png"), 2, 1, road, 0xFFFFFF);
        MaskReader reader = new MaskReader(ClassMeta.camvid(), ImageFiles.DEFAULT_MAX_PIXELS, new int[] {0xFFFFFF});
        assertThat(reader.read(f).data()).containsExactly(3, (byte) IGN);
        Path black = TestImages.colourPng(dir.resolve("b.png"), 1, 1, 0x000000);
        assertThatThrownBy(() -> reader.read(black)).hasMessageContaining("colour (0, 0, 0) at (0,0)");
    }

    @Test
    void detectsEncoding() {
        assertThat(MaskEncoding.of(ImageFiles.decode(TestImages.grayPng(dir.resolve("g.png"), 1, 1, 0), 100)))
                .isEqualTo(MaskEncoding.INDEX);
        assertThat(MaskEncoding.of(ImageFiles.decode(TestImages.palettePng(dir.resolve("p.png"), 1, 1, 0), 100)))
                .isEqualTo(MaskEncoding.PALETTE);
        assertThat(MaskEncoding.of(ImageFiles.decode(TestImages.colourPng(dir.resolve("c.png"), 1, 1, 0), 100)))
                .isEqualTo(MaskEncoding.COLOR);
    }

    @Test
    void corruptAndHugeMasksAreRefused() throws IOException {
        Path t = TestImages.truncate(TestImages.grayPng(dir.resolve("t.png"), 50, 50, 1, 2, 3), 60);
        assertThatThrownBy(() -> camvid.read(t)).isInstanceOf(Seg4jException.class).hasMessageStartingWith(t + ": corrupt");
        Path h = TestImages.hugeDeclaredPng(dir.resolve("h.png"), 20_000, 10_000);
        assertThatThrownBy(() -> camvid.read(h)).hasMessage(h + ": image is 20000x10000 (200 MP), over the limit of 100 MP");
    }

    @Test
    void binaryMaskStoredAs0And255IsReadThroughTheValuesMap() {
        ClassMeta binary = new ClassMeta(List.of(new ClassInfo(0, "membrane", 0, 0, 0),
                new ClassInfo(1, "cell", 255, 255, 255)), 254, Map.of(255, "cell"));
        MaskReader reader = new MaskReader(binary);
        Path f = TestImages.grayPng(dir.resolve("b.png"), 4, 1, 0, 255, 254, 255);
        LabelMask m = reader.read(f);
        assertThat(new int[] {m.get(0, 0), m.get(1, 0), m.get(2, 0), m.get(3, 0)}).containsExactly(0, 1, IGN, 1);
        Path bad = TestImages.grayPng(dir.resolve("c.png"), 2, 1, 0, 1);
        assertThatThrownBy(() -> reader.read(bad))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(bad + ": label value 1 at (1,0) is not the stored value of a class or void"
                        + " (membrane=0, cell=255, void=254)");
    }
}
