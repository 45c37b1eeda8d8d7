package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.LabelMask;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.TestModels;
import org.seg4j.util.Json;

/** {@code eval --temporal} with TC (OpenCV's Farneback flow) and with {@code --no-tc}. */
class TemporalEvalCommandTest {

    /**
     * A textured scene panning by (2, 1) pixels per frame: a red-dominant box on a green-dominant
     * background, so the pointwise test model (dominant channel) segments it perfectly.
     */
    private static RgbImage frame(int t) {
        int w = 64;
        int h = 48;
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = x - 2 * t;
                int sy = y - t;
                int v = 150 + (int) (50 * Math.sin(0.45 * sx + 0.2 * sy) + 40 * Math.cos(0.15 * sx - 0.5 * sy));
                int other = v / 3;
                boolean box = sx >= 18 && sx < 38 && sy >= 12 && sy < 30;
                img.setRgb(x, y, box ? (v << 16) | (other << 8) : (other << 16) | (v << 8));
            }
        }
        return img;
    }

    @Test
    void reportsTcBesideFlickerAndNoTcSkipsIt(@TempDir Path tmp) throws Exception {
        Path model = TestModels.saveModel(tmp.resolve("m"), TestModels.POINTWISE, 32, 1.0);
        Path frames = Files.createDirectories(tmp.resolve("clips/pan/frames"));
        Path masks = Files.createDirectories(tmp.resolve("clips/pan/masks"));
        for (int t = 0; t < 4; t++) {
            RgbImage img = frame(t);
            PngFiles.writeRgb(frames.resolve(String.format("%04d.png", t)), img);
            PngFiles.writeIndexMask(masks.resolve(String.format("%04d.png", t)),
                    new LabelMask(img.width(), img.height(), TestModels.dominantChannel(img)));
        }

        CliRunner.Run r = CliRunner.run("eval", "--model", model.toString(), "--data", tmp.resolve("clips").toString(),
                "--temporal", "--out", tmp.resolve("eval").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mIoU 1.0000").containsPattern("TC (0\\.9|1\\.0)").contains("ms per pair");
        JsonNode json = Json.JSON.readTree(tmp.resolve("eval/temporal.json").toFile());
        // the prediction follows the pan, so TC is close to 1 although the box edges change class
        assertThat(json.get("tc").asDouble()).isGreaterThan(0.9);
        assertThat(json.get("unlabelledFlicker").asDouble()).isGreaterThan(0.02);
        assertThat(json.get("tcPairs").asInt()).isEqualTo(3);
        assertThat(json.get("flow").asText()).startsWith("farneback(");
        assertThat(json.get("flowMillisPerPair").asDouble()).isPositive();
        // one value per pair; their pixel-weighted mean (equal sizes: the plain mean) is the total
        assertThat(json.get("unlabelledFlickerPerPair")).hasSize(3);
        double mean = 0;
        for (JsonNode v : json.get("unlabelledFlickerPerPair")) {
            mean += v.asDouble() / 3;
        }
        assertThat(mean).isCloseTo(json.get("unlabelledFlicker").asDouble(), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(json.get("flickerPerPair")).hasSize(3);
        assertThat(javax.imageio.ImageIO.read(tmp.resolve("eval/flicker.png").toFile()).getWidth()).isEqualTo(960);
        String report = Files.readString(tmp.resolve("eval/report.md"));
        assertThat(report).doesNotContain("| flickerPerPair |");
        assertThat(report).containsPattern("\\| tc \\| (0\\.9|1\\.0)").contains("## TC per class").contains("| red | ");

        CliRunner.Run off = CliRunner.run("eval", "--model", model.toString(), "--data",
                tmp.resolve("clips").toString(), "--temporal", "--no-tc", "--out", tmp.resolve("eval-off").toString());
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(off.out()).doesNotContain("TC ");
        JsonNode offJson = Json.JSON.readTree(tmp.resolve("eval-off/temporal.json").toFile());
        assertThat(offJson.get("tc").isNull()).isTrue();
        assertThat(offJson.has("flow")).isFalse();
        assertThat(Files.readString(tmp.resolve("eval-off/report.md"))).contains("TC was not measured (--no-tc)");

        CliRunner.Run misplaced = CliRunner.run("eval", "--model", model.toString(), "--data",
                tmp.resolve("clips").toString(), "--no-tc");
        assertThat(misplaced.exitCode()).isNotZero();
        assertThat(misplaced.err()).contains("--no-tc applies only with --temporal");
    }
}
