package org.seg4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.output.OutputFormat;
import org.seg4j.infer.output.PredictionWriter;

class FolderPredictionTest {

    static Predictor predictor;

    @TempDir
    static Path shared;

    @BeforeAll
    static void load() {
        TestModels.register();
        Path model = TestModels.saveModel(shared.resolve("model"), TestModels.POINTWISE, 32, 1.0);
        predictor = Predictor.load(model);
    }

    @AfterAll
    static void close() {
        predictor.close();
    }

    static void writeImage(Path file, RgbImage img, String format) throws Exception {
        Files.createDirectories(file.getParent());
        ImageIO.write(org.seg4j.data.BufferedImages.toBufferedImage(img), format, file.toFile());
    }

    @Test
    void predictsFolderSortedAndWritesChosenFormats(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        RgbImage a = TestModels.randomImage(31, 17, 1);
        writeImage(in.resolve("b.png"), a, "png");
        writeImage(in.resolve("a.bmp"), TestModels.blockImage(20, 10, 5, 2), "bmp");
        writeImage(in.resolve("c.jpg"), TestModels.blockImage(40, 30, 10, 3), "jpg");
        Files.writeString(in.resolve("notes.txt"), "not an image");
        assertThat(FolderPrediction.listImages(in)).extracting(p -> p.getFileName().toString())
                .containsExactly("a.bmp", "b.png", "c.jpg");

        PredictionWriter writer = new PredictionWriter(EnumSet.of(OutputFormat.MASK, OutputFormat.PROBS),
                predictor.classes(), 0.5, Set.of());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path out = tmp.resolve("out");
        FolderPrediction.Summary s = new FolderPrediction(predictor, writer, false,
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(in, out);
        assertThat(s.images()).isEqualTo(3);
        assertThat(s.failed()).isEmpty();
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("predicted 3 images").contains("images/s");
        assertThat(out.resolve("c_mask.png")).exists();
        assertThat(out.resolve("a_prob_green.png")).exists();
        var mask = ImageIO.read(out.resolve("b_mask.png").toFile());
        assertThat(mask.getWidth()).isEqualTo(31);
        byte[] expected = TestModels.dominantChannel(a);
        for (int y = 0; y < 17; y++) {
            for (int x = 0; x < 31; x++) {
                assertThat(mask.getRaster().getSample(x, y, 0)).isEqualTo(expected[y * 31 + x] & 0xFF);
            }
        }
    }

    @Test
    void badImageStopsWithFileNameOrIsSkipped(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        writeImage(in.resolve("good.png"), TestModels.randomImage(8, 8, 4), "png");
        Files.write(in.resolve("broken.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        PredictionWriter writer = new PredictionWriter(EnumSet.of(OutputFormat.COLOR), predictor.classes(), 0.5,
                Set.of());
        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> new FolderPrediction(predictor, writer, false, null).run(in, out))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("broken.png");
        assertThat(out.resolve("broken_color.png")).doesNotExist();

        FolderPrediction.Summary s = new FolderPrediction(predictor, writer, true, null).run(in, out);
        assertThat(s.images()).isEqualTo(1);
        assertThat(s.failed()).hasSize(1);
        assertThat(s.failed().get(0).file().getFileName().toString()).isEqualTo("broken.png");
        assertThat(s.describe()).contains("skipped 1").contains("broken.png");
        assertThat(out.resolve("good_color.png")).exists();
        try (var files = Files.list(out)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("good_color.png");
        }
    }

    @Test
    void singleFileAndStemClashes(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        writeImage(in.resolve("x.png"), TestModels.randomImage(9, 9, 5), "png");
        writeImage(in.resolve("x.bmp"), TestModels.randomImage(9, 9, 6), "bmp");
        PredictionWriter writer = new PredictionWriter(EnumSet.of(OutputFormat.OVERLAY), predictor.classes(), 0.3,
                Set.of());
        Path out = tmp.resolve("out");
        new FolderPrediction(predictor, writer, false, null).run(in.resolve("x.png"), out);
        assertThat(out.resolve("x_overlay.png")).exists();
        new FolderPrediction(predictor, writer, false, null).run(in, out);
        assertThat(out.resolve("x_png_overlay.png")).exists();
        assertThat(out.resolve("x_bmp_overlay.png")).exists();
        assertThatThrownBy(() -> new FolderPrediction(predictor, writer, false, null).run(tmp.resolve("nope"), out))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("nope");
    }
}
