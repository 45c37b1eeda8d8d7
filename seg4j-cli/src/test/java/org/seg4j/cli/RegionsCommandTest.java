package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.util.Json;

/** The region-based method through the CLI: train (fresh and --init encoder), eval, predict, regions. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegionsCommandTest {

    @TempDir
    static Path tmp;

    static Path data;

    @BeforeAll
    static void generate() {
        data = tmp.resolve("data");
        CliRunner.Run r = CliRunner.run("synth", "--out", data.toString(), "--count", "8", "--val-count", "3",
                "--size", "40x56", "--seed", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
    }

    @Test
    @Order(1)
    void trainEvalPredictWithAFreshEncoder() {
        Path model = tmp.resolve("regions");
        CliRunner.Run r = CliRunner.run("train", "--data", data.toString(), "--model", "regions", "--width", "8",
                "--model-option", "proposals=single", "--out", model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("trained region SVMs on").contains("val mIoU");
        ModelManifest m = ModelDirectory.readManifest(model);
        assertThat(m.runtime()).isEqualTo("regions");
        assertThat(m.model().options()).containsEntry("proposals", "single");

        CliRunner.Run eval = CliRunner.run("eval", "--model", model.toString(), "--data", data.toString(),
                "--split", "val");
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("mIoU").contains("Boundary F");
        JsonNode metrics = Json.read(model.resolve("eval-val/metrics.json"), JsonNode.class);
        assertThat(metrics.toString()).contains("boundary");

        Path preds = tmp.resolve("preds");
        CliRunner.Run p = CliRunner.run("predict", "--model", model.toString(), "--input",
                data.resolve("val/images").toString(), "--out", preds.toString(), "--format", "mask,labelme");
        assertThat(p.exitCode()).as(p.err()).isZero();
        assertThat(preds.toFile().list()).anyMatch(n -> n.endsWith("_mask.png")).anyMatch(n -> n.endsWith(".json"));
    }

    @Test
    @Order(2)
    void trainWithTheEncoderOfATrainedModel() {
        Path unet = tmp.resolve("unet");
        CliRunner.Run u = CliRunner.run("train", "--data", data.toString(), "--out", unet.toString(), "--model", "unet",
                "--width", "8", "--epochs", "1", "--batch-size", "4", "--crop", "40x56", "--set", "num_workers=1");
        assertThat(u.exitCode()).as(u.err()).isZero();
        Path model = tmp.resolve("regions-init");
        CliRunner.Run r = CliRunner.run("train", "--data", data.toString(), "--model", "regions", "--init",
                unet.toString(), "--model-option", "proposals=single", "--val-split", "none", "--out",
                model.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("from " + unet);
        JsonNode file = Json.read(model.resolve("regions.json"), JsonNode.class);
        assertThat(file.get("encoder_network").get("architecture").asText()).isEqualTo("unet");
        assertThat(file.get("training").get("encoder_from").asText()).endsWith("unet");
    }

    @Test
    @Order(3)
    void regionsWritesOverlaysAndPolygons() {
        Path out = tmp.resolve("proposals");
        CliRunner.Run r = CliRunner.run("regions", "--input", data.resolve("val/images").toString(), "--out",
                out.toString(), "--proposals", "single", "--top", "5");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] names = out.toFile().list();
        assertThat(names).contains("superpixels_coco.json", "proposals_coco.json")
                .anyMatch(n -> n.endsWith("_superpixels.png")).anyMatch(n -> n.endsWith("_proposals.json"));
        String first = java.util.Arrays.stream(names).filter(n -> n.endsWith("_proposals.json")).sorted().findFirst()
                .orElseThrow();
        JsonNode labelme = Json.read(out.resolve(first), JsonNode.class);
        assertThat(labelme.get("shapes").size()).isGreaterThanOrEqualTo(5);
        assertThat(labelme.get("shapes").get(0).get("label").asText()).isEqualTo("proposal");
        JsonNode coco = Json.read(out.resolve("superpixels_coco.json"), JsonNode.class);
        assertThat(coco.get("images").size()).isEqualTo(3);
        assertThat(coco.get("annotations").size()).isGreaterThanOrEqualTo(3);
    }

    @Test
    @Order(4)
    void regionsMeasuresRecallOnALabelledSplit() {
        Path out = tmp.resolve("recall");
        CliRunner.Run r = CliRunner.run("regions", "--data", data.toString(), "--split", "val", "--count", "2",
                "--proposals", "single", "--min-object", "20", "--out", out.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        JsonNode report = Json.read(out.resolve("recall.json"), JsonNode.class);
        assertThat(report.get("images").asInt()).isEqualTo(2);
        assertThat(report.get("objects").asInt()).isPositive();
        double abo = report.get("average_best_overlap").asDouble();
        assertThat(abo).isBetween(0.3, 1.0);
    }

    @Test
    @Order(5)
    void badInputsAreNamed() {
        CliRunner.Run none = CliRunner.run("regions", "--out", tmp.resolve("x").toString());
        assertThat(none.exitCode()).isNotZero();
        assertThat(none.err()).contains("--input").contains("--data");
        CliRunner.Run preset = CliRunner.run("regions", "--input", data.toString(), "--out", tmp.resolve("y").toString(),
                "--proposals", "slow");
        assertThat(preset.err()).contains("unknown selective search preset 'slow'");
        CliRunner.Run option = CliRunner.run("train", "--data", data.toString(), "--model", "regions",
                "--model-option", "svm=1", "--out", tmp.resolve("z").toString());
        assertThat(option.exitCode()).isNotZero();
        assertThat(option.err()).contains("unknown option 'svm' for model regions");
    }
}
