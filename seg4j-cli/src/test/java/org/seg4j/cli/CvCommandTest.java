package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.train.TrainConfig;
import picocli.CommandLine;

class CvCommandTest {

    @TempDir
    Path tmp;

    @Test
    void modelOptionsGoOnTopOfTheConfigurationsKeyByKey() throws Exception {
        Path config = tmp.resolve("recipe.yaml");
        Files.writeString(config, "model: deeplabv3plus\nencoder: resnet18\n"
                + "model_options:\n  output_stride: 16\n  decoder_width: 64\n");

        TrainConfig kept = resolve(config);
        assertThat(kept.modelOptions()).containsEntry("output_stride", "16").containsEntry("decoder_width", "64");

        TrainConfig changed = resolve(config, "--model-option", "output_stride=32");
        assertThat(changed.modelOptions()).as("the option given replaces the file's, the other stays")
                .containsEntry("output_stride", "32").containsEntry("decoder_width", "64");

        assertThatThrownBy(() -> resolve(config, "--model-option", "no_such_option=1"))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("no_such_option");
    }

    private TrainConfig resolve(Path config, String... extra) {
        CvCommand cv = new CvCommand();
        String[] base = {"--config", config.toString(), "--data", tmp.toString(), "--out", tmp.resolve("cv").toString()};
        new CommandLine(cv).parseArgs(CliRunner.concat(base, extra));
        return cv.resolveConfig();
    }
}
