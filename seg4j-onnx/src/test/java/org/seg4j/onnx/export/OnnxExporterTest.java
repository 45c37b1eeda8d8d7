package org.seg4j.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.NetworkForward;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.TestModels;
import org.seg4j.infer.runtime.ExternalModelImport;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.onnx.OnnxForward;
import org.seg4j.transform.Normalization;

class OnnxExporterTest {

    @TempDir
    Path dir;

    /** A tiny unet with random weights and batch-norm statistics far from the identity, so the fold matters. */
    static SegmentationModel tinyUnet(NDManager manager) {
        return ArchitectureExportTest.tinyModel(new ModelSpec("unet", "", 3, 4, Map.of("depth", "2")), manager, 7);
    }

    @Test
    void onnxRuntimeGivesSeg4jsLogitsAtSeveralSizes() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationModel model = tinyUnet(manager);
            Path file = dir.resolve("unet.onnx");
            Files.write(file, OnnxExporter.export(model, manager));
            try (OnnxForward onnx = OnnxForward.open(file, 3, 1);
                    NetworkForward seg4j = new NetworkForward(model, 3, manager)) {
                assertThat(onnx.signature()).contains("input [-1, 3, -1, -1]").contains("logits [-1, 3, -1, -1]");
                Random random = new Random(3);
                for (int[] hw : List.of(new int[] {32, 32}, new int[] {37, 29}, new int[] {21, 50})) {
                    int n = 2;
                    float[] x = new float[n * 3 * hw[0] * hw[1]];
                    for (int i = 0; i < x.length; i++) {
                        x[i] = (float) random.nextGaussian();
                    }
                    float[] expected = seg4j.run(x, n, hw[0], hw[1], false);
                    float[] actual = onnx.run(x, n, hw[0], hw[1], false);
                    assertThat(actual).hasSameSizeAs(expected);
                    double maxDiff = 0;
                    for (int i = 0; i < actual.length; i++) {
                        maxDiff = Math.max(maxDiff, Math.abs(actual[i] - expected[i]));
                    }
                    assertThat(maxDiff).as("max |logit diff| at %dx%d", hw[0], hw[1]).isLessThan(1e-4);
                }
            }
        }
    }

    @Test
    void importedOnnxModelPredictsSeg4jsClassMapsWithTilesAndFlip() throws Exception {
        try (NDManager manager = NDManager.newBaseManager()) {
            SegmentationModel model = tinyUnet(manager);
            Path file = dir.resolve("unet.onnx");
            Files.write(file, OnnxExporter.export(model, manager));
            Path imported = dir.resolve("imported");
            ExternalModelImport.Check check = ExternalModelImport.builder()
                    .setRuntime("onnx")
                    .setFile(file)
                    .setClasses(TestModels.rgbClasses())
                    .setInputSize(32, 32)
                    .optNormalization(new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.25f, 0.25f, 0.25f}))
                    .build()
                    .writeTo(imported);
            assertThat(check.signature()).contains("input");
            ModelManifest manifest = ModelDirectory.readManifest(imported);
            assertThat(manifest.runtime()).isEqualTo("onnx");
            assertThat(imported.resolve(manifest.file())).isRegularFile();

            PredictorOptions options = PredictorOptions.defaults().withTileSize(32).withMaxWholePixels(1024)
                    .withFlip(true);
            try (Predictor onnx = Predictor.load(imported, options);
                    Predictor seg4j = new Predictor(model, manifest, options)) {
                for (RgbImage image : List.of(TestModels.randomImage(32, 32, 1), TestModels.randomImage(70, 45, 2),
                        TestModels.randomImage(41, 33, 3))) {
                    LabelMask a = onnx.predict(image);
                    LabelMask b = seg4j.predict(image);
                    int same = 0;
                    for (int i = 0; i < a.data().length; i++) {
                        same += a.data()[i] == b.data()[i] ? 1 : 0;
                    }
                    assertThat((double) same / a.data().length).as("agreement").isGreaterThan(0.999);
                }
            }
        }
    }
}
