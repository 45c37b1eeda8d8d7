package org.seg4j.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelSpec;

/**
 * torchvision's {@code deeplabv3_mobilenet_v3_large} imports whole through {@link
 * TorchvisionModels#spec}: the parity fixture {@code deeplabv3_mobilenetv3_large} (torchvision
 * 0.28's own model at {@code width_mult=0.25}, ASPP 16 channels, dropout 0, written by {@code
 * bench/parity/make_fixtures.py}) runs exactly that spec narrowed by {@code --width 4 --option
 * decoder_width=16,dropout=0}, and its state dict goes through {@link ModelImport} into a model
 * directory that gives torchvision's logits. The full-size names and shapes are {@code
 * TorchvisionKeysTest}'s.
 */
class TorchvisionDeepLabV3MobileNetV3ImportTest {

    private static final String FIXTURE = "deeplabv3_mobilenetv3_large";

    @TempDir
    Path tmp;

    private static ModelSpec narrowed(int classes) {
        ModelSpec tv = TorchvisionModels.spec("deeplabv3_mobilenet_v3_large", classes,
                Map.of("decoder_width", "16", "dropout", "0"));
        return new ModelSpec(tv.architecture(), tv.encoder(), tv.numClasses(), 4, tv.options());
    }

    @Test
    void parityFixtureRunsTheTorchvisionSpec() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParityCase fixture = ParityCase.load(FIXTURE, m, tmp);
            assertThat(fixture.spec()).isEqualTo(narrowed(fixture.spec().numClasses()));
            assertThat(fixture.spec().options()).containsEntry("output_stride", "16")
                    .containsEntry("aspp_pooling", "conv_bn").containsEntry("pad", "none");
        }
    }

    @Test
    void torchvisionSavedStateDictImportsIntoAModelDirectoryWithTorchvisionsLogits() {
        try (NDManager m = NDManager.newBaseManager()) {
            ParityCase fixture = ParityCase.load(FIXTURE, m, tmp);
            Path dir = tmp.resolve("imported");
            ImportReport report = ModelImport.builder()
                    .setWeights(tmp.resolve(FIXTURE + ".weights.safetensors"))
                    .setSpec(narrowed(5))
                    .setClasses(ClassMeta.of(new String[] {"a", "b", "c", "d", "e"},
                            new int[][] {{0, 0, 0}, {255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {255, 255, 0}}, 255))
                    .optSource("torchvision:deeplabv3_mobilenet_v3_large")
                    .build()
                    .writeTo(dir);
            assertThat(report.complete()).as(report.describe()).isTrue();
            assertThat(report.filled()).isEqualTo(report.total());
            assertThat(report.ignored()).allMatch(s -> s.contains("num_batches_tracked"));
            try (ModelDirectory.LoadedModel loaded = ModelDirectory.load(dir)) {
                for (int i = 0; i < 2; i++) {
                    NDArray x = fixture.io("x" + i);
                    NDArray logits = loaded.block().forward(new ParameterStore(loaded.manager(), false), new NDList(
                            loaded.manager().create(x.toFloatArray(), x.getShape())), false).head();
                    NDArray expected = fixture.io("logits" + i);
                    assertThat(logits.getShape()).isEqualTo(expected.getShape());
                    float diff = logits.sub(loaded.manager().create(expected.toFloatArray(), logits.getShape()))
                            .abs().max().getFloat();
                    assertThat(diff).as("max |imported - torchvision| at " + expected.getShape()).isLessThan(1e-4f);
                }
            }
        }
    }
}
