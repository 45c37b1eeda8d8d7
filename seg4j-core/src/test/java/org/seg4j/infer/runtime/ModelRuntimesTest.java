package org.seg4j.infer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.TestModels;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.util.Json;

class ModelRuntimesTest {

    @TempDir
    Path dir;

    @Test
    void torchScriptIsBuiltInAndOnnxNamesItsModule() {
        assertThat(ModelRuntimes.find("TorchScript").name()).isEqualTo("torchscript");
        assertThatThrownBy(() -> ModelRuntimes.find("onnx"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("seg4j-onnx")
                .hasMessageContaining("torchscript");
    }

    @Test
    void nativeManifestsHaveNoRuntimeFieldsAndExternalOnesRoundTrip() throws Exception {
        ModelManifest plain = TestModels.manifest(TestModels.POINTWISE, 32, 1.0);
        Json.writeJson(dir.resolve("plain.json"), plain);
        assertThat(Files.readString(dir.resolve("plain.json"))).doesNotContain("runtime").doesNotContain("external");

        ModelManifest external = new ModelManifest(plain.formatVersion(), plain.model(), plain.classes(),
                plain.preprocessing(), plain.provenance(), Map.of(), "torchscript", "model.pt");
        Files.createDirectories(dir.resolve("ext"));
        Json.writeJson(dir.resolve("ext").resolve(ModelDirectory.MANIFEST), external);
        ModelManifest read = ModelDirectory.readManifest(dir.resolve("ext"));
        assertThat(read.isExternal()).isTrue();
        assertThat(read.file()).isEqualTo("model.pt");
        assertThat(read.withMetrics(Map.of("mIoU", 0.5)).runtime()).isEqualTo("torchscript");
    }

    @Test
    void missingModelFileAndWeightLoadingAreClearErrors() {
        ModelManifest plain = TestModels.manifest(TestModels.POINTWISE, 32, 1.0);
        ModelManifest external = new ModelManifest(plain.formatVersion(), plain.model(), plain.classes(),
                plain.preprocessing(), plain.provenance(), Map.of(), "torchscript", "model.pt");
        Json.writeJson(dir.resolve(ModelDirectory.MANIFEST), external);
        assertThatThrownBy(() -> Predictor.load(dir))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("model.pt")
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ModelDirectory.load(dir))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("not a seg4j network");
        assertThatThrownBy(() -> new ModelManifest(1, plain.model(), plain.classes(), plain.preprocessing(),
                plain.provenance(), Map.of(), "onnx", null))
                .hasMessageContaining("needs a file");
    }

    @Test
    void logitsAreCheckedSoftmaxedAndResized() {
        float[] logits = {0f, 1f, 2f, 3f, 0f, 1f, 2f, 3f};
        float[] p = Logits.toScores("m", logits.clone(), new long[] {1, 2, 2, 2}, 1, 2, 2, 2, true);
        assertThat(p[0] + p[4]).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-6f));
        assertThat(Logits.toScores("m", logits.clone(), new long[] {1, 2, 2, 2}, 1, 2, 4, 4, false)).hasSize(32);
        assertThatThrownBy(() -> Logits.toScores("m.onnx", logits, new long[] {1, 4, 1, 2}, 1, 2, 2, 2, false))
                .hasMessageContaining("m.onnx").hasMessageContaining("4 classes");
    }
}
