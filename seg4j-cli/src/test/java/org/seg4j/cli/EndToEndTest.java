package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.model.ModelDirectory;
import org.seg4j.util.Json;

/** synth → train → resume → eval → predict through the CLI on a tiny synthetic data set. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndTest {

    @TempDir
    static Path tmp;

    static Path data;
    static Path run;

    @BeforeAll
    static void generate() {
        data = tmp.resolve("data");
        run = tmp.resolve("run");
        CliRunner.Run r = CliRunner.run("synth", "--out", data.toString(), "--count", "12", "--val-count", "4",
                "--size", "48x64", "--seed", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    @Order(1)
    void synthWritesFolderPairsWithClasses() {
        assertThat(data.resolve("classes.yaml")).exists();
        assertThat(data.resolve("train/images")).isDirectory();
        assertThat(data.resolve("val/masks")).isDirectory();
    }

    @Test
    @Order(2)
    void trainWritesASelfDescribingRun() throws Exception {
        CliRunner.Run r = CliRunner.run("train", "--data", data.toString(), "--out", run.toString(), "--model", "unet",
                "--width", "8", "--epochs", "2", "--batch-size", "4", "--crop", "48x64", "--lr", "0.01",
                "--set", "num_workers=1", "--class-weights", "median-frequency", "--ema-decay", "0.9");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("data layout: folder");
        assertThat(run.resolve("model.json")).exists();
        assertThat(run.resolve("weights.params")).exists();
        assertThat(run.resolve("config.yaml")).exists();
        assertThat(run.resolve("curves.png")).exists();
        assertThat(run.resolve("checkpoints/last/state.json")).exists();
        assertThat(run.resolve("checkpoints/last/ema.bin")).exists();
        JsonNode manifest = Json.JSON.readTree(run.resolve("model.json").toFile());
        assertThat(manifest.at("/model/architecture").asText()).isEqualTo("unet");
        assertThat(manifest.at("/classes/classes").size()).isGreaterThanOrEqualTo(7);
        assertThat(manifest.at("/provenance/dataset_fingerprint").asText()).hasSize(16);
        assertThat(manifest.at("/provenance/train_config/class_weighting").asText()).isEqualTo("median-frequency");
        assertThat(manifest.at("/provenance/train_config/ema_decay").asDouble()).isEqualTo(0.9);
        JsonNode history = Json.JSON.readTree(run.resolve("history.json").toFile());
        assertThat(history.size()).isEqualTo(2);
    }

    @Test
    @Order(3)
    void resumeContinuesToMoreEpochs() throws Exception {
        CliRunner.Run r = CliRunner.run("train", "--data", data.toString(), "--out", run.toString(), "--resume",
                "--epochs", "3");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode history = Json.JSON.readTree(run.resolve("history.json").toFile());
        assertThat(history.size()).isEqualTo(3);
        assertThat(history.get(2).get("epoch").asInt()).isEqualTo(3);
    }

    @Test
    @Order(4)
    void evalWritesMetricsReportAndPlots() throws Exception {
        Path out = tmp.resolve("eval");
        CliRunner.Run r = CliRunner.run("eval", "--model", run.toString(), "--data", data.toString(), "--split", "val",
                "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mIoU").contains("road");
        JsonNode metrics = Json.JSON.readTree(out.resolve("metrics.json").toFile());
        double miou = metrics.get("mIoU").asDouble();
        assertThat(miou).isBetween(0.0, 1.0);
        assertThat(metrics.get("numImages").asInt()).isEqualTo(4);
        assertThat(out.resolve("report.md")).exists();
        assertThat(out.resolve("confusion.png")).exists();
        assertThat(out.resolve("curves.png")).exists();
    }

    @Test
    @Order(5)
    void predictWritesFullResolutionOutputs() throws Exception {
        Path out = tmp.resolve("preds");
        Path input = data.resolve("val/images");
        CliRunner.Run r = CliRunner.run("predict", "--model", run.toString(), "--input", input.toString(), "--out",
                out.toString(), "--format", "mask,color,overlay,cutout");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (var files = Files.list(input)) {
            for (Path image : files.toList()) {
                String stem = image.getFileName().toString().replaceFirst("\\.png$", "");
                BufferedImage mask = ImageIO.read(out.resolve(stem + "_mask.png").toFile());
                assertThat(mask.getWidth()).isEqualTo(64);
                assertThat(mask.getHeight()).isEqualTo(48);
                assertThat(out.resolve(stem + "_color.png")).exists();
                assertThat(out.resolve(stem + "_overlay.png")).exists();
                assertThat(ImageIO.read(out.resolve(stem + "_cutout.png").toFile()).getColorModel().hasAlpha()).isTrue();
            }
        }
    }

    @Test
    @Order(5)
    void predictWithComponentsWritesInstancesAndCocoPanoptic() throws Exception {
        Path out = tmp.resolve("preds-instances");
        CliRunner.Run r = CliRunner.run("predict", "--model", run.toString(), "--input",
                data.resolve("val/images").toString(), "--out", out.toString(), "--format", "mask", "--method",
                "components", "--things", "car,pedestrian", "--min-area", "4", "--split-touching");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode pan = Json.JSON.readTree(out.resolve("panoptic.json").toFile());
        assertThat(pan.get("images").size()).isEqualTo(4);
        for (JsonNode ann : pan.get("annotations")) {
            String stem = ann.get("file_name").asText().replaceFirst("\\.png$", "");
            BufferedImage ids = ImageIO.read(out.resolve(stem + "_instances.png").toFile());
            assertThat(ids.getRaster().getSampleModel().getSampleSize(0)).isEqualTo(16);
            assertThat(ids.getWidth()).isEqualTo(64);
            assertThat(out.resolve(stem + "_instances_overlay.png")).exists();
            assertThat(out.resolve("panoptic").resolve(stem + ".png")).exists();
            int things = 0;
            for (JsonNode seg : ann.get("segments_info")) {
                assertThat(seg.get("area").asInt()).isGreaterThanOrEqualTo(4);
                int category = seg.get("category_id").asInt();
                things += category == 6 || category == 7 ? 1 : 0;
            }
            // the 16-bit map numbers exactly the thing segments 1..n
            int max = 0;
            for (int v : ids.getRaster().getPixels(0, 0, 64, 48, (int[]) null)) {
                max = Math.max(max, v);
            }
            assertThat(max).isEqualTo(things);
        }
        CliRunner.Run bad = CliRunner.run("predict", "--model", run.toString(), "--input",
                data.resolve("val/images").toString(), "--out", out.toString(), "--method", "components",
                "--min-area", "0", "--things", "car");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("--min-area");
        CliRunner.Run noThings = CliRunner.run("predict", "--model", run.toString(), "--input",
                data.resolve("val/images").toString(), "--out", out.toString(), "--method", "components");
        assertThat(noThings.exitCode()).isEqualTo(1);
        assertThat(noThings.err()).contains("--things");
    }

    @Test
    @Order(5)
    void predictAndEvalAcceptCrfRefinement() throws Exception {
        Path out = tmp.resolve("preds-crf");
        CliRunner.Run r = CliRunner.run("predict", "--model", run.toString(), "--input",
                data.resolve("val/images").toString(), "--out", out.toString(), "--format", "mask", "--refine", "crf");
        assertThat(r.exitCode()).as(r.err()).isZero();
        try (var files = Files.list(out)) {
            assertThat(files.filter(f -> f.toString().endsWith("_mask.png")).count()).isEqualTo(4);
        }
        CliRunner.Run eval = CliRunner.run("eval", "--model", run.toString(), "--data", data.toString(), "--split",
                "val", "--out", tmp.resolve("eval-crf").toString(), "--refine", "CRF");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("mIoU");
        CliRunner.Run bad = CliRunner.run("predict", "--model", run.toString(), "--input",
                data.resolve("val/images").toString(), "--out", out.toString(), "--refine", "densecrf");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("--refine").contains("densecrf");
    }

    @Test
    @Order(6)
    void aNewRunRefusesToOverwriteAnExistingOne() {
        CliRunner.Run r = CliRunner.run("train", "--data", data.toString(), "--out", run.toString(), "--epochs", "1");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("already holds a training run");
    }

    @Test
    @Order(7)
    void evalReadsTheCamVidTestSplit() throws Exception {
        Path camvid = tmp.resolve("camvid");
        Files.createDirectories(camvid.resolve("test"));
        Files.createDirectories(camvid.resolve("testannot"));
        try (var files = Files.list(data.resolve("val/images"))) {
            for (Path image : files.toList()) {
                String name = image.getFileName().toString();
                Files.copy(image, camvid.resolve("test").resolve(name));
                Files.copy(data.resolve("val/masks").resolve(name), camvid.resolve("testannot").resolve(name));
            }
        }
        Path out = tmp.resolve("eval-test");
        CliRunner.Run r = CliRunner.run("eval", "--model", run.toString(), "--data", camvid.toString(), "--layout",
                "camvid", "--split", "test", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mIoU");
        assertThat(Json.JSON.readTree(out.resolve("metrics.json").toFile()).get("numImages").asInt()).isEqualTo(4);
    }

    @Test
    @Order(8)
    void initFineTunesFromTheTrainedModel() throws Exception {
        Path tuned = tmp.resolve("tuned");
        // a learning rate this small leaves the weights where --init put them
        CliRunner.Run r = CliRunner.run("train", "--init", run.toString(), "--data", data.toString(), "--out",
                tuned.toString(), "--epochs", "1", "--batch-size", "4", "--crop", "48x64", "--lr", "1e-9",
                "--schedule", "constant", "--warmup", "0", "--scale", "0.5", "--set", "num_workers=1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("fine-tuning from " + run).contains("parameter arrays copied")
                .doesNotContain("started fresh")
                .contains("the model was trained at input scale 1.0, this run uses 0.5");
        JsonNode manifest = Json.JSON.readTree(tuned.resolve("model.json").toFile());
        assertThat(manifest.at("/model/architecture").asText()).isEqualTo("unet");
        assertThat(manifest.at("/model/base_width").asInt()).isEqualTo(8);
        try (ModelDirectory.LoadedModel from = ModelDirectory.load(run);
                ModelDirectory.LoadedModel to = ModelDirectory.load(tuned)) {
            var source = from.block().getParameters();
            var result = to.block().getParameters();
            int compared = 0;
            for (int i = 0; i < source.size(); i++) {
                String name = source.keyAt(i);
                if (!name.contains("running")) {
                    assertThat(result.valueAt(i).getArray().toFloatArray()).as(name)
                            .containsExactly(source.valueAt(i).getArray().toFloatArray(), within(1e-5f));
                    compared++;
                }
            }
            assertThat(compared).isGreaterThan(10);
        }
    }

    @Test
    @Order(9)
    void initRefusesAnotherNetworkAndResume() {
        CliRunner.Run other = CliRunner.run("train", "--init", run.toString(), "--model", "fcn8s", "--data",
                data.toString(), "--out", tmp.resolve("other").toString(), "--epochs", "1");
        assertThat(other.exitCode()).isEqualTo(1);
        assertThat(other.err()).contains(run.toString()).contains("fine-tuning keeps the network");
        CliRunner.Run both = CliRunner.run("train", "--init", run.toString(), "--resume", "--data", data.toString(),
                "--out", tmp.resolve("tuned").toString());
        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.err()).contains("--init starts a new run");
    }

    @Test
    @Order(10)
    void taskVideoTrainsATemporalModelFromThePerFrameOneAndEvalUsesItsMemory() throws Exception {
        Path video = tmp.resolve("video");
        CliRunner.Run r = CliRunner.run("train", "--task", "video", "--init", run.toString(), "--data",
                data.toString(), "--out", video.toString(), "--epochs", "1", "--batch-size", "2", "--clip-length", "2",
                "--crop", "48x64", "--set", "num_workers=1");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("video training on clips of 2 frames (synthetic)")
                .contains("fine-tuning from " + run).contains("04temporal_");
        JsonNode manifest = Json.JSON.readTree(video.resolve("model.json").toFile());
        assertThat(manifest.at("/model/options/temporal").asText()).isEqualTo("convgru");
        assertThat(manifest.at("/provenance/train_config/clip_length").asInt()).isEqualTo(2);

        Path clip = tmp.resolve("clips/c1");
        Files.createDirectories(clip.resolve("frames"));
        Files.createDirectories(clip.resolve("masks"));
        try (var files = Files.list(data.resolve("val/images"))) {
            int i = 0;
            for (Path image : files.sorted().toList()) {
                String name = String.format(java.util.Locale.ROOT, "%06d.png", ++i);
                Files.copy(image, clip.resolve("frames").resolve(name));
                Files.copy(data.resolve("val/masks").resolve(image.getFileName()), clip.resolve("masks").resolve(name));
            }
        }
        CliRunner.Run eval = CliRunner.run("eval", "--model", video.toString(), "--data", tmp.resolve("clips").toString(),
                "--temporal", "--out", tmp.resolve("eval-video").toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("smoothing recurrent").contains("flicker");
        JsonNode json = Json.JSON.readTree(tmp.resolve("eval-video/temporal.json").toFile());
        assertThat(json.get("smoothing").asText()).isEqualTo("recurrent");
        assertThat(json.get("labelledFrames").asInt()).isEqualTo(4);
    }
}
