package org.seg4j.infer.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Probabilities;

class PredictionWriterTest {

    static final ClassMeta CLASSES = ClassMeta.of(new String[] {"background", "cat", "sky blue"},
            new int[][] {{0, 0, 0}, {255, 0, 0}, {0, 0, 255}}, 255);

    @TempDir
    Path dir;

    /** 5x3 image, gray 100; mask: column x has class x % 3. */
    static RgbImage image() {
        RgbImage img = RgbImage.blank(5, 3);
        java.util.Arrays.fill(img.data(), (byte) 100);
        return img;
    }

    static LabelMask mask() {
        LabelMask m = LabelMask.filled(5, 3, 0);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 5; x++) {
                m.set(x, y, x % 3);
            }
        }
        return m;
    }

    static Probabilities probs() {
        float[] d = new float[3 * 15];
        for (int i = 0; i < 15; i++) {
            int c = (i % 5) % 3;
            d[c * 15 + i] = 0.8f;
            d[((c + 1) % 3) * 15 + i] = 0.2f;
        }
        return new Probabilities(3, 5, 3, d);
    }

    @Test
    void polygonFormatsReferToTheSourceImageAndCocoWaitsForFinish() throws IOException {
        Path out = dir.resolve("out");
        Path source = dir.resolve("in").resolve("photo.jpg");
        PredictionWriter w = new PredictionWriter(EnumSet.of(OutputFormat.LABELME, OutputFormat.COCO), CLASSES, 0.5,
                Set.of(), 0);
        assertThat(w.write(out, "photo", source, image(), mask(), null)).containsExactly(out.resolve("photo.json"));
        assertThat(out.resolve(PredictionWriter.COCO_FILE)).doesNotExist();
        w.write(out, "second", source.resolveSibling("second.png"), image(), mask(), null);
        assertThat(w.finish(out)).containsExactly(out.resolve(PredictionWriter.COCO_FILE));

        var labelMe = org.seg4j.util.Json.JSON.readTree(out.resolve("photo.json").toFile());
        assertThat(labelMe.get("imagePath").asText()).isEqualTo("../in/photo.jpg");
        // columns of class x % 3 over 5 columns: 5 single-column regions, 3 px high
        assertThat(labelMe.get("shapes")).hasSize(5);
        assertThat(labelMe.get("shapes").get(0).get("label").asText()).isEqualTo("background");
        var coco = org.seg4j.util.Json.JSON.readTree(out.resolve(PredictionWriter.COCO_FILE).toFile());
        assertThat(coco.get("images")).hasSize(2);
        assertThat(coco.get("images").get(0).get("file_name").asText()).isEqualTo("photo.jpg");
        assertThat(coco.get("annotations")).hasSize(10);
        assertThat(coco.get("categories").get(2).get("name").asText()).isEqualTo("sky blue");
        assertThatThrownBy(() -> new PredictionWriter(EnumSet.of(OutputFormat.COCO), CLASSES, 0.5, Set.of(), -1))
                .hasMessageContaining("--polygon-tolerance");
    }

    @Test
    void writesAllFormatsWithRightSizesColoursAndAlpha() throws IOException {
        PredictionWriter w = new PredictionWriter(EnumSet.allOf(OutputFormat.class), CLASSES, 0.5, Set.of("cat"));
        List<Path> files = w.write(dir, "photo", image(), mask(), probs());
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactly("photo_mask.png",
                "photo_color.png", "photo_overlay.png", "photo_prob_background.png", "photo_prob_cat.png",
                "photo_prob_sky_blue.png", "photo_cutout.png", "photo.json");
        assertThat(w.targets(dir, "photo")).containsExactlyElementsOf(files);
        assertThat(w.finish(dir)).containsExactly(dir.resolve(PredictionWriter.COCO_FILE));
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp"))).isEmpty();
        }

        BufferedImage mask = ImageIO.read(dir.resolve("photo_mask.png").toFile());
        assertThat(mask.getWidth()).isEqualTo(5);
        assertThat(mask.getHeight()).isEqualTo(3);
        assertThat(mask.getType()).isEqualTo(BufferedImage.TYPE_BYTE_GRAY);
        assertThat(mask.getRaster().getSample(4, 2, 0)).isEqualTo(1);
        assertThat(mask.getRaster().getSample(2, 0, 0)).isEqualTo(2);

        BufferedImage color = ImageIO.read(dir.resolve("photo_color.png").toFile());
        assertThat(color.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThat(color.getRGB(2, 1) & 0xFFFFFF).isEqualTo(0x0000FF);
        assertThat(color.getRGB(0, 2) & 0xFFFFFF).isEqualTo(0x000000);

        BufferedImage overlay = ImageIO.read(dir.resolve("photo_overlay.png").toFile());
        assertThat(overlay.getWidth()).isEqualTo(5);
        int px = overlay.getRGB(1, 0);
        assertThat((px >> 16) & 0xFF).isBetween(177, 178); // (100 + 255) / 2
        assertThat((px >> 8) & 0xFF).isEqualTo(50);
        assertThat(overlay.getRGB(0, 0) & 0xFF).isEqualTo(50);

        BufferedImage prob = ImageIO.read(dir.resolve("photo_prob_cat.png").toFile());
        assertThat(prob.getRaster().getSample(1, 0, 0)).isEqualTo(204); // 0.8
        assertThat(prob.getRaster().getSample(0, 0, 0)).isEqualTo(51); // 0.2
        assertThat(prob.getRaster().getSample(2, 0, 0)).isEqualTo(0);

        BufferedImage cut = ImageIO.read(dir.resolve("photo_cutout.png").toFile());
        assertThat(cut.getColorModel().hasAlpha()).isTrue();
        // soft alpha: 255 x P(cat)
        assertThat(cut.getRGB(1, 1) >>> 24).isEqualTo(204);
        assertThat(cut.getRGB(1, 1) & 0xFFFFFF).isEqualTo(0x646464);
        assertThat(cut.getRGB(0, 1) >>> 24).isEqualTo(51);
        assertThat(cut.getRGB(2, 1) >>> 24).isEqualTo(0);
    }

    @Test
    void cutoutNeedsProbabilitiesAndHardCutoutFollowsTheMask() {
        PredictionWriter w = new PredictionWriter(EnumSet.of(OutputFormat.CUTOUT), CLASSES, 0.5, Set.of("cat"));
        assertThat(w.needsProbabilities()).isTrue();
        assertThatThrownBy(() -> w.write(dir, "photo", image(), mask(), null))
                .hasMessageContaining("probabilities");
        BufferedImage hard = Renderings.cutout(image(), mask(), Renderings.foreground(CLASSES, Set.of("cat")));
        assertThat(hard.getRGB(1, 1) >>> 24).isEqualTo(255);
        assertThat(hard.getRGB(0, 1) >>> 24).isEqualTo(0);
    }

    @Test
    void overlayAlphaIsConfigurable() {
        BufferedImage none = Renderings.overlay(image(), mask(), CLASSES.palette(), 0.0);
        assertThat(none.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0x646464);
        BufferedImage full = Renderings.overlay(image(), mask(), CLASSES.palette(), 1.0);
        assertThat(full.getRGB(1, 0) & 0xFFFFFF).isEqualTo(0xFF0000);
        assertThatThrownBy(() -> Renderings.overlay(image(), mask(), CLASSES.palette(), 1.5))
                .isInstanceOf(Seg4jException.class);
    }

    @Test
    void defaultForegroundIsEverythingButBackground() {
        assertThat(Renderings.foreground(CLASSES, Set.of())).containsExactly(false, true, true);
        assertThat(Renderings.foreground(CLASSES, List.of("SKY BLUE"))).containsExactly(false, false, true);
        assertThatThrownBy(() -> Renderings.foreground(CLASSES, Set.of("dog")))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("dog").hasMessageContaining("cat");
    }

    @Test
    void parsesFormatLists() {
        assertThat(OutputFormat.parseList("mask, Overlay")).containsExactly(OutputFormat.MASK, OutputFormat.OVERLAY);
        assertThatThrownBy(() -> OutputFormat.parseList("mask,jpeg")).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("jpeg");
    }

    @Test
    void probsNeedProbabilities() {
        PredictionWriter w = new PredictionWriter(EnumSet.of(OutputFormat.PROBS), CLASSES, 0.5, Set.of());
        assertThatThrownBy(() -> w.write(dir, "x", image(), mask(), null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.toFile().list()).isEmpty();
    }
}
