package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.util.Json;

/** Model options on the command line: {@code train --model-option}, {@code models --options}, the manifest. */
class ModelOptionsCliTest {

    @TempDir
    Path tmp;

    @Test
    void modelsListsEachArchitecturesOptionsWithTypesAndDefaults() throws Exception {
        CliRunner.Run r = CliRunner.run("models", "deeplabv3", "--options");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("deeplabv3 (encoder resnet18)", "--model-option");
        assertThat(r.out()).containsPattern("output_stride +int +16 ");
        assertThat(r.out()).containsPattern("atrous_rates +int-list ");
        assertThat(r.out()).containsPattern("pad +choice +reflect .*reflect, zero");
        CliRunner.Run unet = CliRunner.run("models", "unet", "--encoder", "vgg16", "--options");
        assertThat(unet.out()).contains("decoder_channels").doesNotContain("output_stride");

        CliRunner.Run all = CliRunner.run("models", "--options", "--format", "json");
        assertThat(all.exitCode()).as(all.err()).isZero();
        List<String> names = new ArrayList<>();
        Json.JSON.readTree(all.out()).forEach(n -> names.add(n.get("name").asText()));
        assertThat(names).contains("fcn8s", "fcn16s", "fcn32s");
    }

    @Test
    void trainRejectsAnUnknownModelOptionListingTheValidOnes() {
        CliRunner.Run r = CliRunner.run("train", "--data", tmp.toString(), "--out", tmp.resolve("run").toString(),
                "--model", "deeplabv3", "--model-option", "outputStride=8");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("outputStride").contains("output_stride").contains("atrous_rates");
    }

    @Test
    void setWithAModelOptionPointsAtModelOption() {
        CliRunner.Run r = CliRunner.run("train", "--data", tmp.toString(), "--out", tmp.resolve("run").toString(),
                "--model", "deeplabv3", "--set", "output_stride=8");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("--model-option output_stride=");
    }

    @Test
    void trainedModelKeepsItsOptionsSoEvalRebuildsTheSameNetwork() throws Exception {
        Path data = synthData();
        Path run = tmp.resolve("run");
        // depth 2 instead of the default 4: a network rebuilt without the option has other weights
        CliRunner.Run train = CliRunner.run("train", "--data", data.toString(), "--out", run.toString(), "--model",
                "unet", "--width", "4", "--model-option", "depth=2", "--model-option", "pad=zero", "--epochs", "1",
                "--batch-size", "2", "--crop", "32x48", "--set", "num_workers=1");
        assertThat(train.exitCode()).as(train.err()).isZero();
        JsonNode manifest = Json.JSON.readTree(run.resolve("model.json").toFile());
        assertThat(manifest.at("/model/options/depth").asText()).isEqualTo("2");
        assertThat(manifest.at("/model/options/pad").asText()).isEqualTo("zero");
        assertThat(Files.readString(run.resolve("config.yaml"))).contains("model_options:").contains("depth:");

        CliRunner.Run eval = CliRunner.run("eval", "--model", run.toString(), "--data", data.toString(), "--split",
                "val", "--out", tmp.resolve("eval").toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        try (org.seg4j.model.ModelDirectory.LoadedModel loaded = org.seg4j.model.ModelDirectory.load(run)) {
            org.seg4j.model.SegmentationModel model = (org.seg4j.model.SegmentationModel) loaded.block();
            assertThat(model.encoder().outputStride()).isEqualTo(4);
        }

        // fine-tuning takes the options with the network, and refuses to change them
        Path tuned = tmp.resolve("tuned");
        CliRunner.Run init = CliRunner.run("train", "--init", run.toString(), "--data", data.toString(), "--out",
                tuned.toString(), "--epochs", "1", "--batch-size", "2", "--crop", "32x48", "--set", "num_workers=1");
        assertThat(init.exitCode()).as(init.err()).isZero();
        JsonNode tunedOptions = Json.JSON.readTree(tuned.resolve("model.json").toFile()).at("/model/options");
        assertThat(tunedOptions.get("depth").asText()).isEqualTo("2");
        assertThat(tunedOptions.get("pad").asText()).isEqualTo("zero");
        CliRunner.Run changed = CliRunner.run("train", "--init", run.toString(), "--data", data.toString(), "--out",
                tmp.resolve("changed").toString(), "--model-option", "decoder_channels=16", "--epochs", "1");
        assertThat(changed.exitCode()).isNotZero();
        assertThat(changed.err()).contains("decoder_channels=16").contains("--model-option");
    }

    @Test
    void anIbnEncoderTrainsAndEvaluatesFromTheCommandLine() throws Exception {
        CliRunner.Run options = CliRunner.run("models", "deeplabv3plus", "--options");
        assertThat(options.out()).contains("ibn").contains("none, a");
        Path data = synthData();
        Path run = tmp.resolve("ibn");
        CliRunner.Run train = CliRunner.run("train", "--data", data.toString(), "--out", run.toString(), "--model",
                "deeplabv3plus", "--encoder", "resnet18", "--width", "8", "--model-option", "ibn=a", "--epochs", "1",
                "--batch-size", "2", "--crop", "32x48", "--set", "num_workers=1");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(Json.JSON.readTree(run.resolve("model.json").toFile()).at("/model/options/ibn").asText()).isEqualTo("a");
        CliRunner.Run eval = CliRunner.run("eval", "--model", run.toString(), "--data", data.toString(), "--split",
                "val", "--out", tmp.resolve("ibn-eval").toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        try (org.seg4j.model.ModelDirectory.LoadedModel loaded = org.seg4j.model.ModelDirectory.load(run)) {
            org.seg4j.model.SegmentationModel model = (org.seg4j.model.SegmentationModel) loaded.block();
            assertThat(((org.seg4j.model.encoder.ResNetEncoder) model.encoder()).ibn()).isTrue();
        }
        CliRunner.Run bad = CliRunner.run("train", "--data", data.toString(), "--out", tmp.resolve("bad").toString(),
                "--model", "deeplabv3plus", "--model-option", "ibn=b");
        assertThat(bad.exitCode()).isNotZero();
        assertThat(bad.err()).contains("ibn").contains("none, a");
    }

    /** Six generated 32x48 images (four training, two validation) under {@code tmp/data}. */
    private Path synthData() {
        Path data = tmp.resolve("data");
        CliRunner.Run synth = CliRunner.run("synth", "--out", data.toString(), "--count", "4", "--val-count", "2",
                "--size", "32x48", "--seed", "5");
        assertThat(synth.exitCode()).as(synth.err()).isZero();
        return data;
    }
}
