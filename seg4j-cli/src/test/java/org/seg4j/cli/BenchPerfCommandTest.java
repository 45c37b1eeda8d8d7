package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.seg4j.bench.ResultLine;
import org.seg4j.bench.SideResult;

class BenchPerfCommandTest {

    @Test
    void modelsWithoutAPyTorchTwinAreRejectedBeforeAnythingRuns() {
        CliRunner.Run run = CliRunner.run("bench", "perf", "--models", "unet,segnet", "--python", "/nonexistent/python3",
                "--no-install", "--report", "-");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("segnet").contains("unet, deeplabv3plus");
    }

    @Test
    void missingTorchIsAClearErrorWithNoInstall() {
        CliRunner.Run run = CliRunner.run("bench", "perf", "--python", "/nonexistent/python3", "--no-install",
                "--report", "-");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("/nonexistent/python3 cannot import torch").contains("python3-torch");
    }

    @Test
    void workerPrintsOneResultLine() {
        CliRunner.Run run = CliRunner.run("bench", "perf-worker", "--model", "unet", "--width", "4", "--classes", "3",
                "--infer-size", "32", "--infer-batches", "1,2", "--train-size", "32", "--train-batch", "2",
                "--warmup", "0", "--runs", "1", "--train-steps", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        SideResult r = ResultLine.parse(run.out(), "worker");
        assertThat(r.side()).isEqualTo("seg4j");
        assertThat(r.model()).isEqualTo("unet");
        assertThat(r.parameters()).isPositive();
        assertThat(r.inference()).extracting(t -> t.batch()).containsExactly(1, 2);
        assertThat(r.training().batch()).isEqualTo(2);
        assertThat(r.peakRssMb()).isPositive();
    }
}
