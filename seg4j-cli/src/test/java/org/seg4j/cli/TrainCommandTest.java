package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.group.GroupFixtures;
import org.seg4j.train.TrainConfig;
import picocli.CommandLine;

class TrainCommandTest {

    @TempDir
    Path tmp;

    @Test
    void profileStepsRecordsATraceAndAnOperatorTableInTheRunFolder() throws Exception {
        Path data = GroupFixtures.camvid(tmp.resolve("camvid"), "train", 2, 16, 16, "0001TP", "0006R0", "0016E5");
        Path run = tmp.resolve("run");
        // 6 images in batches of 2 for 3 epochs: 9 steps; steps 6 and 7 are recorded
        CliRunner.Run r = CliRunner.run("train", "--data", data.toString(), "--layout", "camvid", "--out",
                run.toString(), "--val-split", "none", "--set", "model=fcn8s", "--set", "base_width=4", "--set",
                "batch_size=2", "--set", "crop_height=16", "--set", "crop_width=16", "--set", "num_workers=1",
                "--epochs", "3", "--profile-steps", "2");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains("profile: 2 steps recorded").contains(run.resolve("profile/operators.md").toString());
        assertThat(java.nio.file.Files.readString(run.resolve("profile/operators.md")))
                .contains("(2 steps)").contains("`aten::convolution_backward`");
        assertThat(run.resolve("profile/trace.json")).isNotEmptyFile();
        assertThat(run.resolve("weights.params")).isNotEmptyFile();

        CliRunner.Run regions = CliRunner.run("train", "--data", data.toString(), "--layout", "camvid", "--out",
                tmp.resolve("regions").toString(), "--model", "regions", "--profile-steps", "2");
        assertThat(regions.exitCode()).isNotZero();
        assertThat(regions.err()).contains("--profile-steps profiles semantic, panoptic and video training");
        CliRunner.Run none = CliRunner.run("train", "--data", data.toString(), "--layout", "camvid", "--out",
                tmp.resolve("none").toString(), "--profile-steps", "0");
        assertThat(none.exitCode()).isNotZero();
        assertThat(none.err()).contains("records at least 1 step");
    }

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

    @Test
    void stepsOnTheCommandLineReplaceTheConfigsTimeBudgetUnlessABudgetIsGivenToo() throws Exception {
        Path config = tmp.resolve("hour.yaml");
        java.nio.file.Files.writeString(config, "time_budget: 60m\nepochs: 200\n");
        String out = tmp.resolve("run").toString();
        String[] base = {"--config", config.toString(), "--data", tmp.toString(), "--out", out};

        assertThat(trainConfig(base).timeBudget()).as("the file's budget without --steps")
                .isEqualTo(java.time.Duration.ofMinutes(60));
        TrainConfig steps = trainConfig(CliRunner.concat(base, "--steps", "2843"));
        assertThat(steps.steps()).isEqualTo(2843);
        assertThat(steps.timeBudget()).as("--steps is the run's length on any machine").isNull();
        assertThat(trainConfig(CliRunner.concat(base, "--steps", "2843", "--time-budget", "5m")).timeBudget())
                .isEqualTo(java.time.Duration.ofMinutes(5));
        assertThat(trainConfig(CliRunner.concat(base, "--steps", "2843", "--set", "time_budget=7m")).timeBudget())
                .isEqualTo(java.time.Duration.ofMinutes(7));
        assertThat(trainConfig(CliRunner.concat(base, "--steps", "2843", "--set", "Time-Budget=8m")).timeBudget())
                .as("a key in any form the config accepts").isEqualTo(java.time.Duration.ofMinutes(8));

        CvCommand cv = new CvCommand();
        new CommandLine(cv).parseArgs(CliRunner.concat(base, "--steps", "300"));
        assertThat(cv.resolveConfig().timeBudget()).as("cv folds too").isNull();
        CvCommand capped = new CvCommand();
        new CommandLine(capped).parseArgs(CliRunner.concat(base, "--steps", "300", "--time-budget", "15m"));
        assertThat(capped.resolveConfig().timeBudget()).isEqualTo(java.time.Duration.ofMinutes(15));
    }

    private static TrainConfig trainConfig(String... args) {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs(args);
        return train.resolveConfig();
    }

    @Test
    void taskVideoMakesATemporalModelTrainedOnClips() {
        TrainCommand train = new TrainCommand();
        new CommandLine(train).parseArgs("--data", tmp.toString(), "--out", tmp.resolve("run").toString(),
                "--task", "video", "--model", "fastscnn", "--clip-source", "neighbours");
        TrainConfig cfg = train.resolveConfig();
        assertThat(cfg.modelOptions()).containsEntry("temporal", "convgru");
        assertThat(cfg.clipLength()).isEqualTo(TrainCommand.VIDEO_CLIP_LENGTH);
        assertThat(cfg.clipSource()).isEqualTo("neighbours");

        TrainCommand six = new TrainCommand();
        new CommandLine(six).parseArgs("--data", tmp.toString(), "--out", tmp.resolve("run").toString(),
                "--task", "video", "--clip-length", "6");
        assertThat(six.resolveConfig().clipLength()).isEqualTo(6);
    }

    @Test
    void clipOptionsWithoutTaskVideoAndUnknownTasksAreErrors() {
        TrainCommand clips = new TrainCommand();
        new CommandLine(clips).parseArgs("--data", tmp.toString(), "--out", tmp.toString(), "--clip-length", "4");
        assertThatThrownBy(clips::resolveConfig).isInstanceOf(Seg4jException.class).hasMessageContaining("--task video");
        TrainCommand other = new TrainCommand();
        new CommandLine(other).parseArgs("--data", tmp.toString(), "--out", tmp.toString(), "--task", "detection");
        assertThatThrownBy(other::resolveConfig).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("task must be one of semantic, panoptic, video, instance");
        TrainCommand source = new TrainCommand();
        new CommandLine(source).parseArgs("--data", tmp.toString(), "--out", tmp.toString(), "--clip-source",
                "neighbours");
        assertThatThrownBy(source::resolveConfig).isInstanceOf(Seg4jException.class).hasMessageContaining("--task video");
        TrainCommand off = new TrainCommand();
        new CommandLine(off).parseArgs("--data", tmp.toString(), "--out", tmp.toString(), "--task", "video",
                "--model-option", "temporal=none");
        assertThatThrownBy(off::resolveConfig).isInstanceOf(Seg4jException.class).hasMessageContaining("temporal is 'none'");
    }

    @Test
    void temporalWarpBecomesAModelOptionOfAVideoModelOnly() {
        TrainCommand warp = new TrainCommand();
        new CommandLine(warp).parseArgs("--data", tmp.toString(), "--out", tmp.resolve("run").toString(),
                "--task", "video", "--model", "fastscnn", "--temporal-warp", "flow");
        TrainConfig cfg = warp.resolveConfig();
        assertThat(cfg.modelOptions()).containsEntry("temporal", "convgru").containsEntry("temporal_warp", "flow");

        TrainCommand image = new TrainCommand();
        new CommandLine(image).parseArgs("--data", tmp.toString(), "--out", tmp.toString(), "--temporal-warp", "flow");
        assertThatThrownBy(image::resolveConfig).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("--temporal-warp").hasMessageContaining("--task video");
    }

    @Test
    void temporalConsistencyIsAWeightOfVideoTrainingOnly() {
        TrainCommand video = new TrainCommand();
        new CommandLine(video).parseArgs("--data", tmp.toString(), "--out", tmp.resolve("run").toString(),
                "--task", "video", "--model", "fastscnn", "--temporal-consistency", "3");
        assertThat(video.resolveConfig().temporalConsistency()).isEqualTo(3.0);

        TrainCommand image = new TrainCommand();
        new CommandLine(image).parseArgs("--data", tmp.toString(), "--out", tmp.toString(), "--temporal-consistency",
                "3");
        assertThatThrownBy(image::resolveConfig).isInstanceOf(Seg4jException.class).hasMessageContaining("task video");
    }
}
