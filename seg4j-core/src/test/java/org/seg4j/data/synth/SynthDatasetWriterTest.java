package org.seg4j.data.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.Sample;

class SynthDatasetWriterTest {

    @TempDir
    Path tmp;

    @Test
    void writesReadablePngPairsAndClasses() throws IOException {
        Path out = tmp.resolve("synth");
        SynthSummary summary = SyntheticStreetScenes.writeDataset(out, 5, 3, 11, 48, 64);
        assertThat(summary.trainCount()).isEqualTo(5);
        assertThat(summary.valCount()).isEqualTo(3);
        assertThat(summary.root()).isEqualTo(out.toAbsolutePath().normalize());
        assertThat(files(out.resolve("train/images"))).hasSize(5);
        assertThat(files(out.resolve("train/masks"))).isEqualTo(files(out.resolve("train/images")));
        assertThat(files(out.resolve("val/images"))).hasSize(3);
        assertThat(files(out.resolve("val/masks"))).isEqualTo(files(out.resolve("val/images")));
        ClassMeta meta = ClassMeta.read(out.resolve("classes.yaml"));
        assertThat(meta).isEqualTo(StreetClasses.meta());

        SyntheticStreetScenes scenes = SyntheticStreetScenes.builder().optSeed(11).optSize(48, 64).build();
        long pixels = 0;
        for (int i = 0; i < 8; i++) {
            Sample expected = scenes.generate(i);
            Path split = out.resolve(i < 5 ? "train" : "val");
            BufferedImage img = ImageIO.read(split.resolve("images").resolve(expected.id() + ".png").toFile());
            BufferedImage mask = ImageIO.read(split.resolve("masks").resolve(expected.id() + ".png").toFile());
            assertThat(img.getWidth()).isEqualTo(64);
            assertThat(img.getHeight()).isEqualTo(48);
            assertThat(mask.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
            for (int y = 0; y < 48; y++) {
                for (int x = 0; x < 64; x++) {
                    int v = mask.getRaster().getSample(x, y, 0);
                    assertThat(v).isLessThan(meta.numClasses()).isEqualTo(expected.mask().get(x, y));
                    assertThat(img.getRGB(x, y) & 0xFFFFFF).isEqualTo(expected.image().rgb(x, y));
                    pixels++;
                }
            }
        }
        assertThat(java.util.Arrays.stream(summary.classPixels()).sum()).isEqualTo(pixels);
    }

    @Test
    void rewritingReplacesTheOldDataSet() throws IOException {
        Path out = tmp.resolve("synth");
        SyntheticStreetScenes.writeDataset(out, 6, 2, 1, 32, 32);
        SyntheticStreetScenes.writeDataset(out, 2, 1, 1, 32, 32);
        assertThat(files(out.resolve("train/images"))).hasSize(2);
        assertThat(files(out.resolve("val/masks"))).hasSize(1);
        try (Stream<Path> siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString()).toList()).containsExactly("synth");
        }
    }

    @Test
    void refusesToReplaceAFolderThatIsNotADataSet() throws IOException {
        Path out = tmp.resolve("precious");
        Files.createDirectories(out);
        Files.writeString(out.resolve("notes.txt"), "keep me");
        assertThatThrownBy(() -> SyntheticStreetScenes.writeDataset(out, 2, 1, 1, 32, 32))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("precious");
        assertThat(out.resolve("notes.txt")).exists();
        assertThatThrownBy(() -> SyntheticStreetScenes.writeDataset(tmp.resolve("x"), 0, 0, 1, 32, 32))
                .isInstanceOf(Seg4jException.class);
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
