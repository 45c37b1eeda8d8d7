package org.seg4j.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.util.Json;

/**
 * torchvision's {@code lraspp_mobilenet_v3_large} and {@code mobilenet_v3_large} state dicts import
 * into seg4j: at full width, every key and shape that torchvision 0.28 writes ({@code
 * parity/torchvision_shapes.json}, from {@code bench/parity/make_fixtures.py}) fills the network, and
 * the parity fixture (a state dict saved from torchvision's own model) goes through {@link
 * ModelImport} into a model directory that gives torchvision's logits.
 */
class TorchvisionLrAsppImportTest {

    @TempDir
    Path tmp;

    private static JsonNode shapes(String model) throws IOException {
        try (InputStream in = TorchvisionLrAsppImportTest.class.getResourceAsStream("/parity/torchvision_shapes.json")) {
            return Json.JSON.readTree(in).get("models").get(model);
        }
    }

    /** Zero arrays with the keys and shapes of one torchvision state dict. */
    private static Map<String, NDArray> zeros(JsonNode keys, NDManager m) {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        keys.fields().forEachRemaining(e -> {
            long[] dims = new long[e.getValue().size()];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = e.getValue().get(i).asLong();
            }
            arrays.put(e.getKey(), m.zeros(new Shape(dims)));
        });
        return arrays;
    }

    @Test
    void fullWidthSegmentationStateDictFillsEveryParameter() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelSpec spec = ModelSpec.of("lraspp", 21);
            Block model = ModelRegistry.create(spec);
            ModelDirectory.initialize(model, m, 64, 64);
            Map<String, NDArray> state = zeros(shapes("lraspp_mobilenet_v3_large"), m);
            ImportReport report = WeightImporter.builder().setMapping(ModelMappings.model(spec, model)).build()
                    .load(state, model);
            assertThat(report.complete()).as(report.describe()).isTrue();
            assertThat(report.filled()).isEqualTo(report.total());
            // 47 batch norms' step counters are the only arrays without a counterpart
            assertThat(report.ignored()).hasSize(47).allMatch(s -> s.contains("num_batches_tracked"));
            assertThat(report.filled() + report.ignored().size()).isEqualTo(state.size());
        }
    }

    @Test
    void fullWidthImageNetStateDictFillsTheEncoderAlone() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelSpec spec = ModelSpec.of("lraspp", 11);
            SegmentationModel model = (SegmentationModel) ModelRegistry.create(spec);
            ModelDirectory.initialize(model, m, 64, 64);
            Map<String, NDArray> state = zeros(shapes("mobilenet_v3_large"), m);
            WeightMapping table = ModelMappings.forModel(spec, model, true);
            ImportReport report = WeightImporter.builder().setMapping(table).optPartial(true).build()
                    .load(state, model);
            long encoderArrays = model.getParameters().keys().stream().filter(k -> k.startsWith("01encoder_")).count();
            assertThat(report.filled()).isEqualTo(encoderArrays).isEqualTo(table.entries().size());
            assertThat(report.unused()).isEmpty();
            assertThat(report.ignored()).filteredOn(s -> s.startsWith("classifier.")).hasSize(4);
            // decoder: cbr conv + BN (4), scale, two biased classifiers
            assertThat(report.unfilled()).hasSize(report.total() - report.filled()).hasSize(1 + 4 + 1 + 2 + 2);
        }
    }

    @Test
    void torchvisionSavedStateDictImportsIntoAModelDirectoryWithTorchvisionsLogits() {
        String name = "lraspp_mobilenetv3_large";
        try (NDManager m = NDManager.newBaseManager()) {
            ParityCase fixture = ParityCase.load(name, m, tmp);
            Path dir = tmp.resolve("imported");
            ImportReport report = ModelImport.builder()
                    .setWeights(tmp.resolve(name + ".weights.safetensors"))
                    .setSpec(fixture.spec())
                    .setClasses(ClassMeta.of(new String[] {"a", "b", "c", "d", "e"},
                            new int[][] {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}}, 255))
                    .build()
                    .writeTo(dir);
            assertThat(report.complete()).as(report.describe()).isTrue();
            try (ModelDirectory.LoadedModel loaded = ModelDirectory.load(dir)) {
                NDArray x = fixture.io("x1");
                NDArray logits = loaded.block().forward(new ParameterStore(loaded.manager(), false), new NDList(
                        loaded.manager().create(x.toFloatArray(), x.getShape())), false).head();
                float diff = logits.sub(loaded.manager().create(fixture.io("logits1").toFloatArray(), logits.getShape()))
                        .abs().max().getFloat();
                assertThat(diff).as("max |imported - torchvision| at 45x61").isLessThan(1e-4f);
            }
        }
    }
}
