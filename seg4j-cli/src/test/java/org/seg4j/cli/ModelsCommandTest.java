package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.ModelStats;
import org.seg4j.util.Json;

class ModelsCommandTest {

    private static JsonNode json(String... args) throws Exception {
        CliRunner.Run r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        return Json.JSON.readTree(r.out());
    }

    @Test
    void jsonListsEveryRegisteredModelWithItsStats() throws Exception {
        JsonNode rows = json("models", "--size", "64x96", "--classes", "5", "--format", "json");
        assertThat(rows.isArray()).isTrue();
        List<String> names = new ArrayList<>();
        rows.forEach(n -> names.add(n.get("name").asText()));
        List<String> expected = new ArrayList<>(ModelRegistry.names());
        expected.add(org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory.ARCHITECTURE); // not a semantic registry entry
        assertThat(names).isEqualTo(expected);
        for (JsonNode row : rows) {
            if (row.get("name").asText().equals(org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory.ARCHITECTURE)) {
                assertThat(row.get("params").asLong()).isPositive();
                assertThat(row.get("gflops").asDouble()).isPositive();
                continue;
            }
            ModelRegistry.Entry entry = ModelRegistry.entry(row.get("name").asText());
            assertThat(row.get("encoder").asText()).isEqualTo(entry.defaultEncoder());
            List<String> encoders = new ArrayList<>();
            row.get("encoders").forEach(e -> encoders.add(e.asText()));
            assertThat(encoders).isEqualTo(entry.encoders());
            assertThat(row.get("params").asLong()).isPositive();
            assertThat(row.get("gflops").asDouble()).isPositive();
            assertThat(row.get("input").get("height").asInt()).isEqualTo(64);
            assertThat(row.get("input").get("width").asInt()).isEqualTo(96);
            assertThat(row.has("images_per_second")).isFalse();
        }
        JsonNode unet = rows.get(names.indexOf("unet"));
        assertThat(unet.get("encoders").toString()).contains("resnet18", "resnet50", "mobilenetv2");
        assertThat(unet.get("gflops").asDouble())
                .isCloseTo(ModelStats.gflops(ModelSpec.of("unet", 5), 64, 96), within(1e-9));
    }

    @Test
    void encoderAndWidthOptionsChangeTheCountedModel() throws Exception {
        JsonNode rows = json("models", "unet", "--encoder", "resnet18", "--width", "8", "--size", "32x32",
                "--classes", "3", "--format", "json");
        assertThat(rows).hasSize(1);
        ModelSpec spec = new ModelSpec("unet", "resnet18", 3, 8, Map.of());
        assertThat(rows.get(0).get("encoder").asText()).isEqualTo("resnet18");
        assertThat(rows.get(0).get("params").asLong()).isEqualTo(ModelStats.summary(spec, 32, 32).parameters());
    }

    @Test
    void textTableHasOneLinePerModelAndStatesTheInput() {
        CliRunner.Run r = CliRunner.run("models", "unet", "fcn8s", "--size", "48x64", "--width", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String[] lines = r.out().strip().split("\\R");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).contains("48x64", "11 classes", "GFLOPs");
        assertThat(lines[1]).contains("MODEL", "ENCODER", "PARAMS", "GFLOPS", "ACCEPTED ENCODERS");
        assertThat(lines[2]).startsWith("unet").contains(" unet ").contains("M ").contains("resnet34");
        assertThat(lines[3]).startsWith("fcn8s").contains(" vgg16 ");
    }

    @Test
    void benchReportsImagesPerSecond() throws Exception {
        JsonNode rows = json("models", "unet", "--encoder", "mobilenetv2", "--width", "8", "--size", "32x32",
                "--bench", "--runs", "3", "--warmup", "1", "--format", "json");
        assertThat(rows.get(0).get("images_per_second").asDouble()).isPositive();
        CliRunner.Run text = CliRunner.run("models", "unet", "--width", "4", "--size", "32x32", "--bench", "--runs",
                "1", "--warmup", "0");
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(text.out()).contains("IMG/S", "images/s");
    }

    @Test
    void unknownModelOrEncoderAndBadSizeAreOneLineErrors() {
        CliRunner.Run model = CliRunner.run("models", "segformer9");
        assertThat(model.exitCode()).isEqualTo(1);
        assertThat(model.err()).contains("segformer9", "unet", "fcn8s").doesNotContain("\tat ");
        CliRunner.Run encoder = CliRunner.run("models", "unet", "--encoder", "resnet152", "--size", "32x32");
        assertThat(encoder.exitCode()).isEqualTo(1);
        assertThat(encoder.err()).contains("resnet152", "resnet18", "mobilenetv2");
        CliRunner.Run noModel = CliRunner.run("models", "--encoder", "resnet152");
        assertThat(noModel.exitCode()).isEqualTo(1);
        assertThat(noModel.err()).contains("resnet152", "mobilenetv2");
        CliRunner.Run size = CliRunner.run("models", "--size", "big");
        assertThat(size.exitCode()).isEqualTo(1);
        assertThat(size.err()).contains("--size", "big");
    }
}
