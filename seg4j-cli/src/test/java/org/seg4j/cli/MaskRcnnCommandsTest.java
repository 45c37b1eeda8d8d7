package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.Json;

/** synth --instances → train --task instance --model mask-rcnn → predict → eval through the CLI, tiny. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MaskRcnnCommandsTest {

    @TempDir
    static Path tmp;

    static Path data;
    static Path run;

    static final String[] TINY = {"--width", "8", "--model-option", "fpn_channels=16", "--model-option",
        "representation=32", "--model-option", "mask_channels=8", "--model-option", "anchor_sizes=8,16,32,64,128",
        "--model-option", "roi_batch=32", "--model-option", "rpn_batch=64"};

    @BeforeAll
    static void generate() {
        data = tmp.resolve("street");
        run = tmp.resolve("run");
        CliRunner.Run r = CliRunner.run("synth", "--out", data.toString(), "--count", "4", "--val-count", "2",
                "--size", "64x96", "--seed", "3", "--instances");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    private static String[] train(Path dataDir, Path out, String... extra) {
        return Stream.of(new String[] {"train", "--data", dataDir.toString(), "--out", out.toString(), "--model",
            "mask-rcnn", "--steps", "3", "--batch-size", "2", "--lr", "0.002", "--set", "warmup_steps=0"}, TINY, extra)
                .flatMap(Stream::of).toArray(String[]::new);
    }

    @Test
    @Order(1)
    void trainsAMaskRcnnDirectory() throws Exception {
        CliRunner.Run r = CliRunner.run(train(data, run, "--task", "instance"));
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("trained mask-rcnn 3 steps");
        JsonNode settings = Json.JSON.readTree(run.resolve("mask-rcnn.json").toFile());
        assertThat(settings.at("/architecture").asText()).isEqualTo("mask-rcnn");
        assertThat(settings.at("/width").asInt()).isEqualTo(8);
        assertThat(settings.at("/fpnChannels").asInt()).isEqualTo(16);
        assertThat(run.resolve("weights.params")).isNotEmptyFile();
        assertThat(run.resolve("classes.yaml")).exists();
        assertThat(run.resolve("config.yaml")).content().contains("task: instance");
        assertThat(Files.readAllLines(run.resolve("history.csv"))).hasSize(4);
        JsonNode summary = Json.JSON.readTree(run.resolve("summary.json").toFile());
        assertThat(summary.at("/steps_taken").asLong()).isEqualTo(3);
        assertThat(summary.at("/last_loss").asDouble()).isPositive();
    }

    @Test
    @Order(2)
    void predictWritesInstancePngsOverlaysAndCocoResults() throws Exception {
        Path out = tmp.resolve("pred");
        CliRunner.Run r = CliRunner.run("predict", "--model", run.toString(), "--input",
                data.resolve("val/images").toString(), "--out", out.toString(), "--min-score", "0");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String stem = "street_000004";
        BufferedImage ids = ImageIO.read(out.resolve(stem + "_instances.png").toFile());
        assertThat(ids.getRaster().getSampleModel().getSampleSize(0)).isEqualTo(16);
        assertThat(ids.getWidth()).isEqualTo(96);
        assertThat(ImageIO.read(out.resolve(stem + "_instances_overlay.png").toFile()).getHeight()).isEqualTo(64);
        JsonNode images = Json.JSON.readTree(out.resolve("coco_images.json").toFile());
        assertThat(images).hasSize(2);
        JsonNode results = Json.JSON.readTree(out.resolve("coco_results.json").toFile());
        JsonNode listed = Json.JSON.readTree(out.resolve("instances.json").toFile());
        assertThat(results.size()).isEqualTo(listed.size());
        for (JsonNode d : results) {
            assertThat(d.at("/segmentation/counts").isTextual()).isTrue();
            assertThat(d.at("/score").asDouble()).isBetween(0.0, 1.0);
            assertThat(d.at("/image_id").asInt()).isBetween(1, 2);
        }
    }

    @Test
    @Order(3)
    void evalPrintsMaskApAndWritesTheReport() throws Exception {
        Path report = tmp.resolve("eval");
        CliRunner.Run r = CliRunner.run("eval", "--model", run.toString(), "--data", data.toString(), "--out",
                report.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("AP50", "AP75", "APs", "APm", "APl", "car");
        JsonNode metrics = Json.JSON.readTree(report.resolve("metrics.json").toFile());
        assertThat(metrics.at("/images").asInt()).isEqualTo(2);
        assertThat(metrics.at("/mask_ap").has("AP")).isTrue();
        assertThat(report.resolve("report.md")).content().contains("| AP | AP50 |");
    }

    @Test
    @Order(4)
    void aModelDirectoryWithoutWeightsNamesTheFile() throws Exception {
        Path broken = tmp.resolve("broken");
        Files.createDirectories(broken);
        for (String f : new String[] {"mask-rcnn.json", "classes.yaml"}) {
            Files.copy(run.resolve(f), broken.resolve(f));
        }
        CliRunner.Run r = CliRunner.run("predict", "--model", broken.toString(), "--input",
                data.resolve("val/images").toString(), "--out", tmp.resolve("pred-broken").toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains(broken.resolve("weights.params").toString(), "missing");
        assertThat(tmp.resolve("pred-broken")).doesNotExist();
    }

    @Test
    @Order(5)
    void trainingOnDataWithoutInstancesNamesTheFile() throws Exception {
        Path noInstances = tmp.resolve("no-instances");
        assertThat(CliRunner.run("synth", "--out", noInstances.toString(), "--count", "2", "--val-count", "1",
                "--size", "64x96", "--seed", "4", "--instances").exitCode()).isZero();
        AtomicFiles.deleteRecursively(noInstances.resolve("train/instances"));
        CliRunner.Run r = CliRunner.run(train(noInstances, tmp.resolve("bad")));
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("no instance PNG", noInstances.resolve("train/instances").toString());
    }

    @Test
    @Order(6)
    void instanceTaskRefusesOtherArchitectures() {
        CliRunner.Run r = CliRunner.run("train", "--data", data.toString(), "--out", tmp.resolve("x").toString(),
                "--task", "instance", "--model", "unet", "--steps", "1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("--task instance", "mask-rcnn");
    }
}
