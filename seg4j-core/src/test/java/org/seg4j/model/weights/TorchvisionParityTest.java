package org.seg4j.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.util.Json;

/**
 * torchvision's {@code deeplabv3_resnet50} and {@code fcn_resnet50}, built from torchvision's own
 * modules at stem width 4 by {@code bench/parity/torchvision_fixtures.py} (aux_loss=True, random
 * weights), import into seg4j's {@code deeplabv3} ({@code aspp_pooling conv_bn}) and {@code fcn}
 * with {@code pad none}, and give torchvision's eval-mode logits within 1e-4 at 64x64 and at the
 * odd 45x61. The auxiliary head has to be skipped explicitly.
 */
class TorchvisionParityTest {

    private static final String AUX = "aux_classifier.";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"torchvision_deeplabv3_resnet50_w4", "torchvision_fcn_resnet50_w4"})
    void logitsMatchTorchvision(String name) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = network(name, m);
            ImportReport report = WeightImporter.builder().setMapping(mapping(name, block)).addSkipPrefix(AUX)
                    .optSourceName(name).build().load(weights(name, m), block);

            assertThat(report.complete()).as(report.describe()).isTrue();
            assertThat(report.filled()).isEqualTo(report.total());
            assertThat(report.ignored()).filteredOn(i -> i.startsWith(AUX)).isNotEmpty()
                    .allMatch(i -> i.contains("skipped on request"));
            Map<String, NDArray> io = TensorFile.read(ParityCase.resource(name + ".io.safetensors", tmp), m);
            for (int i = 0; i < 2; i++) {
                NDArray expected = io.get("logits" + i);
                NDArray actual = block.forward(new ParameterStore(m, false), new NDList(io.get("x" + i)), false).head();
                assertThat(actual.getShape()).isEqualTo(expected.getShape());
                float maxDiff = actual.sub(expected).abs().max().getFloat();
                assertThat(maxDiff).as(name + " logits at " + expected.getShape()).isLessThan(1e-4f);
                System.out.printf("%s logits %s: max |seg4j - torchvision| %.2e%n", name, expected.getShape(), maxDiff);
            }
        }
    }

    @Test
    void theAuxiliaryHeadIsNeverDroppedSilently() throws IOException {
        String name = "torchvision_fcn_resnet50_w4";
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = network(name, m);
            WeightMapping mapping = mapping(name, block);
            Map<String, NDArray> weights = weights(name, m);

            assertThatThrownBy(() -> WeightImporter.builder().setMapping(mapping).optSourceName(name).build()
                    .load(weights, block))
                    .isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("incomplete import")
                    .hasMessageContaining("aux_classifier.0.weight")
                    .hasMessageContaining("--skip-prefix aux_classifier.");
            assertThatThrownBy(() -> WeightImporter.builder().setMapping(mapping).addSkipPrefix("aux_clasifier.")
                    .optSourceName(name).build().load(weights, block))
                    .isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("no array key starts with the skip prefix 'aux_clasifier.'");
            assertThatThrownBy(() -> WeightImporter.builder().setMapping(mapping).addSkipPrefix("classifier.")
                    .optSourceName(name).build().load(weights, block))
                    .isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("classifier.0.weight fills")
                    .hasMessageContaining("but is skipped");
        }
    }

    private Block network(String name, NDManager m) throws IOException {
        JsonNode json = Json.JSON.readTree(ParityCase.resource(name + ".json", tmp).toFile());
        ModelSpec spec = Json.JSON.convertValue(json.get("spec"), ModelSpec.class);
        Block block = ModelRegistry.create(spec);
        ModelDirectory.initialize(block, m, 64, 64);
        return block;
    }

    private WeightMapping mapping(String name, Block block) throws IOException {
        JsonNode json = Json.JSON.readTree(ParityCase.resource(name + ".json", tmp).toFile());
        return ModelMappings.model(Json.JSON.convertValue(json.get("spec"), ModelSpec.class), block);
    }

    private Map<String, NDArray> weights(String name, NDManager m) {
        return TensorFile.read(ParityCase.resource(name + ".weights.safetensors", tmp), m);
    }
}
