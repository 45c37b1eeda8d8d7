package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.util.Json;

/** synth --instances → train --task panoptic → predict → eval through the CLI on a tiny data set. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PanopticCommandsTest {

    @TempDir
    static Path tmp;

    static Path data;
    static Path run;

    @BeforeAll
    static void generate() {
        data = tmp.resolve("street");
        run = tmp.resolve("run");
        CliRunner.Run r = CliRunner.run("synth", "--out", data.toString(), "--count", "4", "--val-count", "2",
                "--size", "64x96", "--seed", "2", "--instances");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    @Order(1)
    void trainsAPanopticModelDirectory() throws Exception {
        assertThat(data.resolve("train/instances")).isDirectory();
        CliRunner.Run r = CliRunner.run("train", "--data", data.toString(), "--out", run.toString(), "--model",
                "panoptic-deeplab", "--encoder", "resnet18", "--width", "8", "--epochs", "1", "--batch-size", "2",
                "--crop", "64x96", "--set", "num_workers=1", "--model-option", "decoder_width=16",
                "--model-option", "instance_width=8");
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode manifest = Json.JSON.readTree(run.resolve("model.json").toFile());
        assertThat(manifest.at("/task").asText()).isEqualTo("panoptic");
        assertThat(manifest.at("/model/architecture").asText()).isEqualTo("panoptic-deeplab");
        assertThat(manifest.at("/classes/classes/5/isthing").asBoolean()).isTrue();
        assertThat(manifest.at("/provenance/train_config/task").asText()).isEqualTo("panoptic");
    }

    @Test
    @Order(2)
    void predictWritesSemanticInstanceAndPanopticFiles() throws Exception {
        Path out = tmp.resolve("pred");
        CliRunner.Run r = CliRunner.run("predict", "--model", run.toString(), "--input",
                data.resolve("val/images").toString(), "--out", out.toString(), "--format", "mask",
                "--stuff-area", "16", "--min-score", "0.05");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String stem = "street_000004";
        assertThat(out.resolve(stem + "_mask.png")).exists();
        assertThat(out.resolve("panoptic/" + stem + ".png")).exists();
        assertThat(out.resolve("panoptic.json")).exists();
        assertThat(out.resolve("instances.json")).exists();
        BufferedImage ids = ImageIO.read(out.resolve(stem + "_instances.png").toFile());
        assertThat(ids.getRaster().getSampleModel().getSampleSize(0)).isEqualTo(16);
        assertThat(ids.getWidth()).isEqualTo(96);
        assertThat(ImageIO.read(out.resolve(stem + "_instances_overlay.png").toFile()).getHeight()).isEqualTo(64);
    }

    @Test
    @Order(3)
    void evalPrintsPanopticQualityAndWritesTheReport() throws Exception {
        Path report = tmp.resolve("eval");
        CliRunner.Run r = CliRunner.run("eval", "--model", run.toString(), "--data", data.toString(), "--out",
                report.toString(), "--stuff-area", "16");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Things", "Stuff", "PQ", "SQ", "RQ", "mask AP");
        JsonNode metrics = Json.JSON.readTree(report.resolve("metrics.json").toFile());
        assertThat(metrics.at("/images").asInt()).isEqualTo(2);
        assertThat(metrics.at("/per_class")).hasSize(7);
        assertThat(metrics.has("panoptic")).isTrue();
        assertThat(report.resolve("report.md")).content().contains("| Things |");
    }

    @Test
    @Order(3)
    void evalWithRandScoresAddsTheIsbiFigures() throws Exception {
        Path report = tmp.resolve("eval-rand");
        CliRunner.Run r = CliRunner.run("eval", "--model", run.toString(), "--data", data.toString(), "--out",
                report.toString(), "--stuff-area", "16", "--rand-scores");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("V^Rand", "V^Info", "VI");
        JsonNode isbi = Json.JSON.readTree(report.resolve("metrics.json").toFile()).at("/isbi");
        assertThat(isbi.at("/images").asInt() + isbi.at("/skipped").asInt()).isEqualTo(2);
        assertThat(isbi.at("/v_rand").asDouble()).isBetween(0.0, 1.0);
        assertThat(isbi.at("/variation_of_information").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(report.resolve("report.md")).content().contains("ISBI 2012 scores");
        CliRunner.Run components = CliRunner.run("eval", "--model", run.toString(), "--data", data.toString(),
                "--out", tmp.resolve("eval-bad").toString(), "--method", "components");
        assertThat(components.exitCode()).isEqualTo(1);
        assertThat(components.err()).contains("panoptic model, which predicts instances itself");
    }

    @Test
    @Order(5)
    void evalWithComponentsScoresASemanticModelsInstances() throws Exception {
        Path semantic = tmp.resolve("unet");
        CliRunner.Run t = CliRunner.run("train", "--data", data.toString(), "--out", semantic.toString(), "--model",
                "unet", "--width", "4", "--epochs", "1", "--batch-size", "2", "--set", "num_workers=1");
        assertThat(t.exitCode()).as(t.err()).isZero();
        Path report = tmp.resolve("eval-components");
        CliRunner.Run r = CliRunner.run("eval", "--model", semantic.toString(), "--data", data.toString(), "--out",
                report.toString(), "--method", "components", "--min-area", "4", "--rand-scores");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("Things", "Stuff", "mask AP", "V^Rand");
        JsonNode metrics = Json.JSON.readTree(report.resolve("metrics.json").toFile());
        assertThat(metrics.at("/images").asInt()).isEqualTo(2);
        assertThat(metrics.at("/per_class")).hasSize(7);
        assertThat(metrics.at("/semantic_miou").asDouble()).isBetween(0.0, 1.0);
        assertThat(report.resolve("report.md")).content().contains("Connected-component instances");
        CliRunner.Run plain = CliRunner.run("eval", "--model", semantic.toString(), "--data", data.toString(),
                "--out", tmp.resolve("eval-plain").toString(), "--rand-scores");
        assertThat(plain.exitCode()).isEqualTo(1);
        assertThat(plain.err()).contains("--method components");
    }

    @Test
    @Order(4)
    void panopticTrainingOnDataWithoutInstancesNamesTheFolder() {
        Path plain = tmp.resolve("plain");
        assertThat(CliRunner.run("synth", "--out", plain.toString(), "--count", "2", "--val-count", "1",
                "--size", "64x96").exitCode()).isZero();
        CliRunner.Run r = CliRunner.run("train", "--data", plain.toString(), "--out", tmp.resolve("bad").toString(),
                "--model", "panoptic-deeplab", "--width", "8", "--epochs", "1");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("isthing");
    }
}
