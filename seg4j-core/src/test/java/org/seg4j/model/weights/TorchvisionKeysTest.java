package org.seg4j.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;

/**
 * Every key of torchvision's full-size {@code state_dict()} (listed with its shape in {@code
 * src/test/resources/torchvision/NAME.keys.txt} by {@code bench/parity/torchvision_fixtures.py
 * keys}; 21 classes, aux_loss=True) fills a parameter of the seg4j network of {@link
 * TorchvisionModels#spec} with the right shape, every parameter is filled, and what is left is the
 * skipped auxiliary head and PyTorch's batch-norm counters. Arrays of zeros stand in for the
 * weights, which are never committed; {@code TorchvisionParityTest} checks the values at width 4.
 */
class TorchvisionKeysTest {

    private static final int CLASSES = 21;

    @ParameterizedTest
    @ValueSource(strings = {"deeplabv3_resnet50", "fcn_resnet50", "deeplabv3_resnet101", "fcn_resnet101",
        "deeplabv3_mobilenet_v3_large"})
    void mappingCoversEveryKeyOfTheFullSizeStateDict(String name) throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelSpec spec = TorchvisionModels.spec(name, CLASSES, Map.of());
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, 32, 32);
            Map<String, NDArray> arrays = stateDict(name, m);

            ImportReport report = WeightImporter.builder().setMapping(ModelMappings.model(spec, block))
                    .addSkipPrefix("aux_classifier.").optSourceName(name).build().load(arrays, block);

            assertThat(report.complete()).as(report.describe()).isTrue();
            assertThat(report.filled()).isEqualTo(report.total());
            assertThat(report.ignored()).allMatch(i -> i.startsWith("aux_classifier.")
                    || i.contains("num_batches_tracked"));
            long aux = arrays.keySet().stream().filter(k -> k.startsWith("aux_classifier.")).count();
            assertThat(aux).isEqualTo(8); // FCNHead: conv, BN (5 arrays with its counter), classifier weight + bias
            assertThat(report.filled() + report.ignored().size()).isEqualTo(arrays.size());
        }
    }

    /** Zero arrays of the listed names and shapes ({@code scalar}: a batch-norm counter). */
    private static Map<String, NDArray> stateDict(String name, NDManager m) throws IOException {
        Map<String, NDArray> out = new LinkedHashMap<>();
        try (InputStream in = TorchvisionKeysTest.class.getResourceAsStream("/torchvision/" + name + ".keys.txt");
                BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] parts = line.split(" ");
                if (parts[1].equals("scalar")) {
                    out.put(parts[0], m.create(0L));
                } else {
                    long[] dims = Arrays.stream(parts[1].split("x")).mapToLong(Long::parseLong).toArray();
                    out.put(parts[0], m.zeros(new Shape(dims)));
                }
            }
        }
        return out;
    }
}
