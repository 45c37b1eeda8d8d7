package org.seg4j.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seg4j.Seg4jException;
import org.seg4j.Segmenter;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.InferenceEngine;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.Probabilities;
import org.seg4j.infer.TestModels;
import org.seg4j.infer.runtime.ExportCache;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelSpec;
import org.seg4j.onnx.export.ArchitectureExportTest;

/**
 * A seg4j model directory run with {@link InferenceEngine#ONNXRUNTIME}: the same class maps as DJL
 * on generated images, whole and tiled with flip, for two architectures; the export is cached and
 * re-made when the weights change; a temporal model is refused with a reason.
 */
class OnnxNetworkExporterTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> architectures() {
        return Stream.of(
                Arguments.of(new ModelSpec("fastscnn", "", 3, 4, Map.of("blocks", "1"))),
                Arguments.of(new ModelSpec("unet", "", 3, 4, Map.of("depth", "2"))));
    }

    /** A model directory of {@code spec} with random weights and batch-norm statistics (so the fold matters). */
    private Path save(ModelSpec spec, String name, long seed) {
        Path dir = tmp.resolve(name);
        ModelManifest base = TestModels.manifest(TestModels.POINTWISE, 32, 1.0);
        ModelManifest manifest = new ModelManifest(1, spec, base.classes(), base.preprocessing(), base.provenance(),
                Map.of());
        try (NDManager m = NDManager.newBaseManager()) {
            ModelDirectory.save(dir, manifest, ArchitectureExportTest.tinyModel(spec, m, seed));
        }
        return dir;
    }

    private static List<RgbImage> images() {
        return List.of(TestModels.randomImage(45, 37, 1), TestModels.randomImage(64, 48, 2),
                TestModels.blockImage(70, 33, 6, 3), TestModels.randomImage(32, 32, 4));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("architectures")
    void classMapsAgreeWithDjlWholeAndTiled(ModelSpec spec) {
        Path dir = save(spec, spec.architecture(), 7);
        for (PredictorOptions options : List.of(PredictorOptions.defaults(),
                PredictorOptions.defaults().withTileSize(32).alwaysTiled().withFlip(true))) {
            try (Predictor djl = Predictor.load(dir, options);
                    Predictor ort = Predictor.load(dir, options.withEngine(InferenceEngine.ONNXRUNTIME))) {
                assertThat(ort.network()).isNull();
                assertThat(ort.describeSettings()).endsWith(", onnxruntime");
                int i = 0;
                for (RgbImage image : images()) {
                    String what = spec.architecture() + " image " + i++ + " " + options;
                    assertThat(ort.predict(image).data()).as(what).isEqualTo(djl.predict(image).data());
                    Probabilities p = djl.predictProbabilities(image);
                    Probabilities q = ort.predictProbabilities(image);
                    float maxDiff = 0;
                    for (int k = 0; k < p.data().length; k++) {
                        maxDiff = Math.max(maxDiff, Math.abs(p.data()[k] - q.data()[k]));
                    }
                    assertThat(maxDiff).as(what).isLessThan(1e-4f);
                }
                List<RgbImage> batch = List.of(TestModels.randomImage(40, 30, 5), TestModels.randomImage(40, 30, 6));
                assertThat(ort.predictBatch(batch).get(1).data()).isEqualTo(djl.predictBatch(batch).get(1).data());
            }
        }
    }

    @Test
    void theExportIsCachedAndRemadeWhenTheWeightsChange() throws Exception {
        ModelSpec spec = new ModelSpec("unet", "", 3, 4, Map.of("depth", "2"));
        Path dir = save(spec, "cached", 7);
        PredictorOptions ortOptions = PredictorOptions.defaults().withEngine(InferenceEngine.ONNXRUNTIME);
        RgbImage image = TestModels.randomImage(45, 37, 1);
        try (Predictor ort = Predictor.load(dir, ortOptions)) {
            ort.predict(image);
        }
        Path cache = dir.resolve(ExportCache.DIR);
        Path first = onlyFile(cache);
        assertThat(first.getFileName().toString()).matches("model-[0-9a-f]{16}\\.onnx");
        Files.setLastModifiedTime(first, FileTime.fromMillis(1_000_000L));

        try (Segmenter segmenter = Segmenter.builder().setModelDir(dir).optEngine(InferenceEngine.ONNXRUNTIME).build();
                Predictor djl = Predictor.load(dir)) {
            assertThat(segmenter.segment(image).mask().data()).isEqualTo(djl.predict(image).data());
        }
        assertThat(onlyFile(cache)).isEqualTo(first);
        assertThat(Files.getLastModifiedTime(first).toMillis()).as("not re-exported").isEqualTo(1_000_000L);

        save(spec, "cached", 8); // retrained: new weights in the same directory
        try (Predictor ort = Predictor.load(dir, ortOptions); Predictor djl = Predictor.load(dir)) {
            assertThat(ort.predict(image).data()).isEqualTo(djl.predict(image).data());
        }
        Path second = onlyFile(cache);
        assertThat(second).isNotEqualTo(first);
        assertThat(first).doesNotExist();
    }

    @Test
    void aTemporalModelIsRefusedNamingTheModelAndTheWayOut() {
        Path dir = save(new ModelSpec("fastscnn", "", 3, 4, Map.of("blocks", "1", "temporal", "convgru")),
                "temporal", 7);
        assertThatThrownBy(() -> Predictor.load(dir, PredictorOptions.defaults()
                .withEngine(InferenceEngine.ONNXRUNTIME)))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("temporal model")
                .hasMessageContaining("--engine djl");
        assertThat(dir.resolve(ExportCache.DIR)).doesNotExist();
    }

    private static Path onlyFile(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> all = files.toList();
            assertThat(all).hasSize(1);
            return all.get(0);
        }
    }
}
