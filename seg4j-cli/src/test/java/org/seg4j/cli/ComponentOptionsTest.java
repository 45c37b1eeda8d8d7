package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Images;
import org.seg4j.infer.TestModels;
import org.seg4j.infer.instance.InstancePredictionWriter;
import org.seg4j.util.Json;

/**
 * {@code --method components} and its options, shared by {@code predict} and {@code serve}: the
 * pointwise test model predicts each pixel's dominant channel (red, green, blue), none of them a
 * thing class.
 */
class ComponentOptionsTest {

    private static final String NO_THINGS = "--method components: the model's classes mark no thing class (isthing);"
            + " name the classes with instances with --things, e.g. --things blue";

    /** Red, with two blue squares that do not touch. */
    private static Path image(Path file) throws Exception {
        int w = 32;
        int h = 24;
        byte[] d = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean blue = (x >= 2 && x < 8 && y >= 2 && y < 8) || (x >= 20 && x < 30 && y >= 10 && y < 20);
                d[(y * w + x) * 3 + (blue ? 2 : 0)] = (byte) 200;
            }
        }
        Files.write(file, Images.encodePng(BufferedImages.toBufferedImage(new RgbImage(w, h, d))));
        return file;
    }

    @Test
    void predictFindsTheSquaresOfTheNamedThingClass(@TempDir Path tmp) throws Exception {
        Path model = TestModels.saveModel(tmp.resolve("m"), TestModels.POINTWISE, 32, 1.0);
        Path input = image(tmp.resolve("img.png"));
        Path out = tmp.resolve("out");
        CliRunner.Run run = CliRunner.run("predict", "--model", model.toString(), "--input", input.toString(),
                "--out", out.toString(), "--format", "mask", "--method", "components", "--things", "blue",
                "--min-area", "40");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode listing = Json.JSON.readTree(out.resolve(InstancePredictionWriter.INSTANCES_JSON).toFile());
        // --min-area 40 drops the 36-pixel square, keeps the 100-pixel one
        assertThat(listing.size()).isEqualTo(1);
        assertThat(listing.get(0).get("class").asText()).isEqualTo("blue");
        assertThat(listing.get(0).get("area").asInt()).isEqualTo(100);
        assertThat(out.resolve("img_instances.png")).exists();
    }

    @Test
    void predictAndServeRefuseAModelWithoutThingClassesAlike(@TempDir Path tmp) throws Exception {
        Path model = TestModels.saveModel(tmp.resolve("m"), TestModels.POINTWISE, 32, 1.0);
        Path input = image(tmp.resolve("img.png"));
        CliRunner.Run predict = CliRunner.run("predict", "--model", model.toString(), "--input", input.toString(),
                "--out", tmp.resolve("out").toString(), "--method", "components");
        assertThat(predict.exitCode()).isEqualTo(1);
        assertThat(predict.err()).contains(NO_THINGS);
        CliRunner.Run serve = CliRunner.run("serve", "--model", model.toString(), "--port", "0", "--method",
                "components");
        assertThat(serve.exitCode()).isEqualTo(1);
        assertThat(serve.err()).contains(NO_THINGS).contains("model 'm'");
    }

    @Test
    void serveRefusesBadComponentOptionsBeforeStarting(@TempDir Path tmp) {
        Path model = TestModels.saveModel(tmp.resolve("m"), TestModels.POINTWISE, 32, 1.0);
        CliRunner.Run bogus = CliRunner.run("serve", "--model", model.toString(), "--port", "0", "--method", "regions");
        assertThat(bogus.exitCode()).isEqualTo(1);
        assertThat(bogus.err()).contains("--method must be semantic or components, got 'regions'");
        CliRunner.Run area = CliRunner.run("serve", "--model", model.toString(), "--port", "0", "--method",
                "components", "--things", "blue", "--min-area", "0");
        assertThat(area.exitCode()).isEqualTo(1);
        assertThat(area.err()).contains("--min-area must be >= 1, got 0");
        CliRunner.Run unknown = CliRunner.run("serve", "--model", model.toString(), "--port", "0", "--method",
                "components", "--things", "car");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("--things: thing class 'car' is not a class");
    }

    @Test
    void bothHelpsListTheOptions() {
        for (String command : new String[] {"predict", "serve"}) {
            CliRunner.Run run = CliRunner.run(command, "--help");
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).as(command).contains("--method").contains("--min-area").contains("--split-touching")
                    .contains("--min-distance").contains("--peak-threshold").contains("--things");
        }
    }
}
