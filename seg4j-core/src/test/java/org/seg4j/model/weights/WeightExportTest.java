package org.seg4j.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.util.GradientsOff;

/** {@link WeightExport}: the inverse of the import mapping, checked against the PyTorch fixtures. */
class WeightExportTest {

    @TempDir
    Path tmp;

    static String[] cases() {
        return ParityCase.NAMES;
    }

    /** Imported twin weights export to the twin's own state dict, bit for bit, num_batches_tracked aside. */
    @ParameterizedTest
    @MethodSource("cases")
    void exportGivesBackTheTwinsStateDict(String name) {
        try (NDManager m = NDManager.newBaseManager()) {
            ParityCase c = ParityCase.load(name, m, tmp);
            Map<String, NDArray> twin = TensorFile.read(tmp.resolve(name + ".weights.safetensors"), m);
            Path file = tmp.resolve(name + ".exported.safetensors");
            WeightExport.Result r = WeightExport.builder().setModel(c.block(), c.spec()).build().writeTo(file);
            Map<String, NDArray> exported = TensorFile.read(file, m);

            List<String> notExported = new ArrayList<>(twin.keySet());
            notExported.removeAll(exported.keySet());
            // only batch norm's counters (Segmenter has no batch norm, so nothing)
            assertThat(notExported).allMatch(k -> k.endsWith(".num_batches_tracked"));
            assertThat(exported.size() + notExported.size()).isEqualTo(twin.size());
            assertThat(twin.keySet()).containsAll(exported.keySet());
            exported.forEach((key, a) -> {
                assertThat(a.getShape()).as(key).isEqualTo(twin.get(key).getShape());
                assertThat(a.toFloatArray()).as(key).isEqualTo(twin.get(key).toFloatArray());
            });
            assertThat(r.arrays()).isEqualTo(exported.size());
            assertThat(r.leftOut()).isZero();
        }
    }

    /** export -> import through a model directory gives identical parameters. */
    @Test
    void exportThenImportRoundTripsEveryParameter() {
        ModelSpec spec = new ModelSpec("unet", "", 3, 4, Map.of("depth", "2"));
        ClassMeta classes = ClassMeta.of(new String[] {"a", "b", "c"},
                new int[][] {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}}, 255);
        Path file = tmp.resolve("unet.safetensors");
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, 32, 32);
            randomise(block, m);
            WeightExport.builder().setModel(block, spec).build().writeTo(file);
            ModelImport.builder().setWeights(file).setSpec(spec).setClasses(classes).optTileSize(32, 32).build()
                    .writeTo(tmp.resolve("imported"));
            try (ModelDirectory.LoadedModel back = ModelDirectory.load(tmp.resolve("imported"))) {
                var original = block.getParameters();
                var loaded = back.block().getParameters();
                assertThat(loaded.keys()).isEqualTo(original.keys());
                for (int i = 0; i < original.size(); i++) {
                    assertThat(loaded.get(i).getValue().getArray().toFloatArray()).as(original.get(i).getKey())
                            .isEqualTo(original.get(i).getValue().getArray().toFloatArray());
                }
            }
        }
    }

    @Test
    void encoderOnlyUsesTorchvisionNamesUnderThePrefix() {
        ModelSpec spec = new ModelSpec("deeplabv3plus", "resnet18", 3, 8,
                Map.of("decoder_width", "16", "low_level_width", "8"));
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, 32, 32);
            Path file = tmp.resolve("backbone.safetensors");
            WeightExport.Result r = WeightExport.builder().setModel(block, spec).optEncoderOnly(true)
                    .optPrefix("backbone.").build().writeTo(file);
            Map<String, NDArray> arrays = TensorFile.read(file, m);
            assertThat(arrays).containsKeys("backbone.conv1.weight", "backbone.bn1.running_var",
                    "backbone.layer4.1.conv2.weight", "backbone.layer2.0.downsample.0.weight");
            assertThat(arrays.keySet()).allMatch(k -> k.startsWith("backbone.conv1.") || k.startsWith("backbone.bn1.")
                    || k.startsWith("backbone.layer"));
            assertThat(r.leftOut()).isPositive();
            assertThat(r.arrays() + r.leftOut()).isEqualTo(block.getParameters().size());
        }
    }

    private static void randomise(Block block, NDManager m) {
        try (GradientsOff off = GradientsOff.begin()) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray a = p.getValue().getArray();
                a.set(new NDIndex("..."), m.randomUniform(0.5f, 1.5f, a.getShape()));
            }
        }
    }
}
