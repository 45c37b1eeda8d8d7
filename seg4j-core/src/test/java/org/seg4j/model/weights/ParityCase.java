package org.seg4j.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.util.Json;

/**
 * One PyTorch parity fixture from {@code src/test/resources/parity} (written by {@code
 * bench/parity/make_fixtures.py}): the twin's weights imported into the seg4j network of the same
 * spec, the inputs and expected logits, and the expected training loss and gradient norms. Shared
 * with seg4j-train's training-step parity test through the test jar.
 */
public final class ParityCase {

    /** The fixtures, by file name stem. */
    public static final String[] NAMES = {"unet", "deeplabv3plus_resnet18", "fcn8s_vgg16", "fcn16s_vgg16",
        "deeplabv3_resnet18", "deeplabv3_mobilenetv2", "pspnet_resnet18", "fastscnn", "segnet_vgg16", "parsenet_resnet18", "fastfcn_resnet18",
        "segmenter_vit", "lraspp_mobilenetv3_large", "deeplabv3_mobilenetv3_large", "fcn32s_vgg16",
        "fastfcn_aspp_resnet18"};

    private final ModelSpec spec;
    private final Block block;
    private final WeightMapping mapping;
    private final ImportReport report;
    private final Map<String, NDArray> io;
    private final JsonNode expected;

    private ParityCase(ModelSpec spec, Block block, WeightMapping mapping, ImportReport report,
            Map<String, NDArray> io, JsonNode expected) {
        this.spec = spec;
        this.block = block;
        this.mapping = mapping;
        this.report = report;
        this.io = io;
        this.expected = expected;
    }

    /** Loads fixture {@code name}; arrays and parameters live in {@code manager}. */
    public static ParityCase load(String name, NDManager manager, Path tmp) {
        return load(name, manager, tmp, weights -> {});
    }

    /**
     * Loads fixture {@code name} after {@code edit} has changed its state dict (e.g. to add arrays
     * that a torchvision checkpoint has and the twin has not).
     */
    public static ParityCase load(String name, NDManager manager, Path tmp, Consumer<Map<String, NDArray>> edit) {
        Path json = resource(name + ".json", tmp);
        JsonNode expected = readTree(json);
        ModelSpec spec = Json.JSON.convertValue(expected.get("spec"), ModelSpec.class);
        Block block = ModelRegistry.create(spec);
        ModelDirectory.initialize(block, manager, 64, 64);
        WeightMapping mapping = ModelMappings.model(spec, block);
        Map<String, NDArray> weights =
                new LinkedHashMap<>(TensorFile.read(resource(name + ".weights.safetensors", tmp), manager));
        edit.accept(weights);
        ImportReport report = WeightImporter.builder().setMapping(mapping).optSourceName(name).build()
                .load(weights, block);
        Map<String, NDArray> io = new LinkedHashMap<>(TensorFile.read(resource(name + ".io.safetensors", tmp), manager));
        return new ParityCase(spec, block, mapping, report, io, expected);
    }

    public ModelSpec spec() {
        return spec;
    }

    public Block block() {
        return block;
    }

    public WeightMapping mapping() {
        return mapping;
    }

    public ImportReport report() {
        return report;
    }

    /** An array of the io file: {@code x0}, {@code logits0}, {@code x1}, {@code logits1}, {@code train_x}, {@code train_y}. */
    public NDArray io(String key) {
        NDArray a = io.get(key);
        if (a == null) {
            throw new IllegalArgumentException("no array " + key + " in the fixture");
        }
        return a;
    }

    /** The expected training loss. */
    public double loss() {
        return expected.get("loss").asDouble();
    }

    /** The expected gradient norms, by PyTorch parameter name. */
    public Map<String, Double> gradNorms() {
        Map<String, Double> out = new LinkedHashMap<>();
        expected.get("grad_norms").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asDouble()));
        return out;
    }

    private static JsonNode readTree(Path json) {
        try {
            return Json.JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies a classpath resource to a file (the fixture may sit in a jar). */
    static Path resource(String file, Path tmp) {
        try (InputStream in = ParityCase.class.getResourceAsStream("/parity/" + file)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource parity/" + file);
            }
            Path out = tmp.resolve(file);
            Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
