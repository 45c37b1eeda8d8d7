package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;

/** {@code model_options:} in a training configuration: read, checked against the model, saved, hashed. */
class TrainConfigModelOptionsTest {

    @TempDir
    Path dir;

    @Test
    void yamlModelOptionsAreReadAsTextAndRoundTrip() throws Exception {
        Path file = dir.resolve("run.yaml");
        Files.writeString(file, """
                model: deeplabv3
                model_options:
                  output_stride: 8
                  atrous_rates: [3, 6, 9]
                  dropout: 0.2
                """);
        TrainConfig cfg = TrainConfig.read(file);
        assertThat(cfg.modelOptions())
                .containsExactlyInAnyOrderEntriesOf(Map.of("output_stride", "8", "atrous_rates", "3,6,9", "dropout", "0.2"));
        Path saved = dir.resolve("saved.yaml");
        cfg.write(saved);
        assertThat(TrainConfig.read(saved)).isEqualTo(cfg);
        assertThat(cfg.toBuilder().build().modelOptions()).isEqualTo(cfg.modelOptions());
        TrainConfig plain = TrainConfig.builder().optModel("deeplabv3").build();
        assertThat(cfg.hash()).isNotEqualTo(plain.hash());
    }

    @Test
    void hashOfAConfigurationWithoutModelOptionsIsUnchanged() {
        // values computed by the build before model_options existed, so resumed runs still match (with the
        // weight decay those runs had: full decay on norm and bias parameters, the default before session 6)
        assertThat(TrainConfig.builder().optNormDecayMult(1).optBiasDecayMult(1).build().hash())
                .isEqualTo("9ad01f8edb6d3ddc");
        assertThat(TrainConfig.builder().optModel("deeplabv3").optEncoder("resnet18").optLr(0.01)
                .optNormDecayMult(1).optBiasDecayMult(1).build().hash())
                .isEqualTo("ace2cd70a9de9ca7");
    }

    @Test
    void unknownOptionNamesTheFileAndListsTheArchitecturesOptions() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "model: deeplabv3\nmodel_options:\n  outputStride: 8\n");
        assertThatThrownBy(() -> TrainConfig.read(file))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("outputStride")
                .hasMessageContaining("output_stride, decoder_width, dropout, atrous_rates, aspp_pooling, pad");
    }

    @Test
    void optionsAreCheckedAgainstTheChosenEncoderAndTyped() {
        TrainConfig ok = TrainConfig.builder().optModel("unet").optEncoder("resnet18")
                .optModelOptions(Map.of("output_stride", "16")).build();
        assertThat(ok.modelOptions()).containsEntry("output_stride", "16");
        // the default model is unet with its own encoder, which has depth but no output stride
        assertThatThrownBy(() -> TrainConfig.builder().optModelOptions(Map.of("output_stride", "16")).build())
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("model_options")
                .hasMessageContaining("depth");
        assertThatThrownBy(() -> TrainConfig.builder().optModel("deeplabv3")
                        .optModelOptions(Map.of("output_stride", "eight")).build())
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("output_stride must be an integer, got 'eight'");
    }

    @Test
    void setWithAModelOptionPointsAtModelOption() {
        assertThatThrownBy(() -> TrainConfig.builder().optModel("deeplabv3").optValues(Map.of("output_stride", "8")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("output_stride is a model option")
                .hasMessageContaining("--model-option output_stride=VALUE")
                .hasMessageContaining("model_options:");
    }
}
