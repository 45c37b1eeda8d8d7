package org.seg4j.onnx.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.TestModels;
import org.seg4j.infer.runtime.ExternalModelImport;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.transform.Normalization;

class OnnxExporterTest {

    @TempDir
    Path dir;

    /** A tiny unet with random weights and batch-norm statistics far from the identity, so the fold matters. */
    static SegmentationModel tinyUnet(NDManager manager) {
        return ArchitectureExportTest.tinyModel(new ModelSpec("unet", "", 3, 4, Map.of("depth", "2")), manager, 7);
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
