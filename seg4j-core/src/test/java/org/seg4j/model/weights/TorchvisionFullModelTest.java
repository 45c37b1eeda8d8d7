package org.seg4j.model.weights;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.util.Json;

/**
 * The real, full-size torchvision models (random weights, aux_loss=True) through the public import
 * API: {@link ModelImport} with {@link TorchvisionModels#spec} writes a model directory, which
 * loads and gives torchvision's logits within 1e-4 relative to the largest logit (random weights
 * through 50-100 layers give logits up to ~300, where one float32 step is 3e-5; measured: 1.1e-4
 * absolute at 300, 3.6e-7 relative). The ~150 MB state dicts are never committed;
 * the test runs when {@code bench/parity/torchvision_fixtures.py full --model NAME --out DIR} has
 * written them to {@code DIR} = system property {@code seg4j.torchvision.dir} (default {@code
 * /tmp/seg4j-torchvision}), and is skipped otherwise.
 */
class TorchvisionFullModelTest {

    private static final Path DIR = Path.of(System.getProperty("seg4j.torchvision.dir", "/tmp/seg4j-torchvision"));

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"deeplabv3_resnet50", "fcn_resnet50", "deeplabv3_resnet101", "fcn_resnet101",
        "deeplabv3_mobilenet_v3_large"})
    void importedModelGivesTorchvisionLogits(String name) throws IOException {
        Path weights = DIR.resolve(name + ".weights.safetensors");
        assumeTrue(Files.exists(weights), "no " + weights + " (see bench/parity/torchvision_fixtures.py full)");
        JsonNode meta = Json.JSON.readTree(DIR.resolve(name + ".json").toFile());
        int classes = meta.get("classes").asInt();
        String[] names = new String[classes];
        int[][] colours = new int[classes][];
        for (int c = 0; c < classes; c++) {
            names[c] = "class" + c;
            colours[c] = new int[] {c, c, c};
        }
        Path out = tmp.resolve("model");
        ImportReport report = ModelImport.builder()
                .setWeights(weights)
                .setSpec(TorchvisionModels.spec(name, classes, Map.of()))
                .setClasses(ClassMeta.of(names, colours, 255))
                .addSkipPrefix("aux_classifier.")
                .optSource("torchvision:" + name)
                .build()
                .writeTo(out);
        assertThat(report.complete()).as(report.describe()).isTrue();

        try (ModelDirectory.LoadedModel model = ModelDirectory.load(out);
                NDManager m = NDManager.newBaseManager()) {
            Map<String, NDArray> io = TensorFile.read(DIR.resolve(name + ".io.safetensors"), m);
            for (int i = 0; i < 2; i++) {
                NDArray expected = io.get("logits" + i);
                NDArray actual = model.block().forward(new ParameterStore(m, false), new NDList(io.get("x" + i)),
                        false).head();
                assertThat(actual.getShape()).isEqualTo(expected.getShape());
                float maxDiff = actual.sub(expected).abs().max().getFloat();
                float scale = Math.max(1f, expected.abs().max().getFloat());
                assertThat(maxDiff).as(name + " logits at " + expected.getShape() + ", largest |logit| " + scale)
                        .isLessThan(1e-4f * scale);
                System.out.printf("%s (full size) logits %s: max |seg4j - torchvision| %.2e, largest |logit| %.1f%n",
                        name, expected.getShape(), maxDiff, scale);
            }
        }
    }
}
