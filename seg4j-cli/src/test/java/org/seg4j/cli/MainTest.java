package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {

    @TempDir
    Path tmp;

    @Test
    void helpListsEveryCommand() {
        CliRunner.Run r = CliRunner.run("--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("quickstart", "synth", "train", "eval", "predict", "models");
    }

    @ParameterizedTest
    @ValueSource(strings = {"quickstart", "synth", "train", "eval", "predict", "models"})
    void everyCommandHasHelp(String command) {
        CliRunner.Run r = CliRunner.run(command, "--help");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: seg4j " + command);
    }

    @Test
    void missingRequiredOptionFails() {
        CliRunner.Run r = CliRunner.run("predict", "--input", "x.png");
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.err()).contains("--model");
    }

    @Test
    void userErrorIsOneLineNamingThePath() {
        Path missing = tmp.resolve("no-such-model");
        CliRunner.Run r = CliRunner.run("predict", "--model", missing.toString(), "--input", "x.png", "--out",
                tmp.resolve("out").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err().strip()).startsWith("seg4j: error:").contains(missing.toString()).doesNotContain("\n\tat ");
    }

    @Test
    void unknownLayoutListsTheValidOnes() {
        CliRunner.Run r = CliRunner.run("train", "--data", tmp.toString(), "--layout", "ade20k", "--out",
                tmp.resolve("run").toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("ade20k").contains("camvid").contains("cityscapes");
    }

    @Test
    void cropSizeIsParsed() {
        assertThat(TrainCommand.parseSize("192x256")).containsExactly(192, 256);
        assertThat(TrainCommand.parseSize("64")).containsExactly(64, 64);
    }
}
