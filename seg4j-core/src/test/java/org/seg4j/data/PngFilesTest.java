package org.seg4j.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngFilesTest {

    @TempDir
    Path dir;

    @Test
    void rgbaPngKeepsAlpha() throws IOException {
        Path f = dir.resolve("sub/o.png");
        PngFiles.writeRgba(f, TestImages.gradient(3, 2), new byte[] {1, 2, 3, 4, 5, (byte) 200});
        BufferedImage bi = ImageIO.read(f.toFile());
        assertThat(bi.getColorModel().hasAlpha()).isTrue();
        assertThat(bi.getRGB(2, 1) >>> 24).isEqualTo(200);
        assertThat(bi.getRGB(2, 1) & 0xFFFFFF).isEqualTo(TestImages.gradient(3, 2).rgb(2, 1));
    }

    @Test
    void indexMaskRoundTripsThroughMaskReader() {
        LabelMask mask = new LabelMask(3, 2, new byte[] {0, 1, 10, (byte) 255, 5, 2});
        Path f = dir.resolve("m.png");
        PngFiles.writeIndexMask(f, mask);
        assertThat(new MaskReader(ClassMeta.camvid()).read(f).data()).isEqualTo(mask.data());
    }

    @Test
    void paletteMaskCarriesColoursAndReadsBackAsLabels() throws IOException {
        ClassMeta meta = ClassMeta.voc();
        LabelMask mask = new LabelMask(2, 2, new byte[] {0, 15, 20, (byte) 255});
        Path f = dir.resolve("p.png");
        PngFiles.writePaletteMask(f, mask, meta);
        BufferedImage bi = ImageIO.read(f.toFile());
        assertThat(bi.getColorModel()).isInstanceOf(IndexColorModel.class);
        assertThat(bi.getRGB(1, 0) & 0xFFFFFF).isEqualTo(meta.classes().get(15).rgb());
        assertThat(new MaskReader(meta).read(f).data()).isEqualTo(mask.data());
    }

    @Test
    void overwritesAtomicallyLeavingNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("o.png");
        PngFiles.writeRgb(f, TestImages.gradient(4, 4));
        PngFiles.writeRgb(f, TestImages.gradient(6, 2));
        assertThat(ImageFiles.header(f).width()).isEqualTo(6);
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("o.png");
        }
    }
}
