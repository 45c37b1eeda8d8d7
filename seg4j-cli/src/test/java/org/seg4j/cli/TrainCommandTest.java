package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.train.TrainConfig;
import picocli.CommandLine;

class TrainCommandTest {

    @TempDir
    Path tmp;

    @Test
    void stepsAndDecayMultipliersReachTheConfiguration() {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs("--data", tmp.toString(), "--out", tmp.resolve("run").toString(),
                "--steps", "1756", "--norm-decay-mult", "0.25", "--bias-decay-mult", "0.5");
        TrainConfig cfg = train.resolveConfig();
        assertThat(cfg.steps()).isEqualTo(1756);
        assertThat(cfg.normDecayMult()).isEqualTo(0.25);
        assertThat(cfg.biasDecayMult()).isEqualTo(0.5);
    }
}
