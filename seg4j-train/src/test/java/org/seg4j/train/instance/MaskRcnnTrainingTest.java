package org.seg4j.train.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.instance.InstanceSamples;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.model.instance.maskrcnn.MaskRcnnDirectory;
import org.seg4j.train.CheckpointState;
import org.seg4j.train.SegmentationTrainer;
import org.seg4j.train.TrainConfig;
import org.seg4j.util.Json;

/**
 * {@code train --task instance --resume}: a run stopped after 3 of 4 steps (inside its second
 * epoch) and resumed takes step 4 from the saved weights with the saved optimizer state, on the
 * learning-rate schedule of the uninterrupted run. (Two runs' losses are not compared: the
 * backward pass through RoIAlign's gathers is not bit-reproducible, and Mask R-CNN's discrete
 * proposal choices amplify that to about 1% by step 3.)
 */
class MaskRcnnTrainingTest {

    @TempDir
    static Path tmp;

    private static InstanceSamples data;

    @BeforeAll
    static void data() {
        Path dir = tmp.resolve("street");
        SyntheticStreetScenes.writeDataset(dir, 3, 1, 3, 48, 64, true);
        data = InstanceSamples.of(SegmentationDataset.open(dir, null, "train"));
    }

    private static TrainConfig config(long steps) {
        return TrainConfig.builder().optTask(TrainConfig.TASK_INSTANCE).optModel(MaskRcnnDirectory.ARCHITECTURE).optSteps(steps).optBatchSize(2)
                .optOptimizer("adam").optLr(1e-3).optSeed(7).optBaseWidth(8).optKeepLast(1)
                .optScale(0.75, 1.25).optHflip(true)
                .optModelOptions(Map.of("fpn_channels", "16", "representation", "32", "mask_channels", "16",
                        "anchor_sizes", "8,16,32,64,128"))
                .build();
    }

    private static MaskRcnnTraining.Result train(Path out, long steps, boolean resume) {
        return MaskRcnnTraining.builder().setTrainData(data).setConfig(config(steps)).setOutputDir(out)
                .optResume(resume).build().fit();
    }

    /**
     * A time budget sizes the schedule as in semantic training: the step count is estimated from the
     * run's speed at every checkpoint, far below the 1000 epochs asked for, and saved with the
     * checkpoint; the learning rate decays over it instead of staying near its peak.
     */
    @Test
    void aTimeBudgetSizesTheScheduleToTheStepsThatFit() throws Exception {
        Path out = tmp.resolve("budget");
        TrainConfig budgeted = TrainConfig.builder().optTask(TrainConfig.TASK_INSTANCE)
                .optModel(MaskRcnnDirectory.ARCHITECTURE).optEpochs(1000).optTimeBudget(Duration.ofSeconds(8)).optWarmupSteps(0)
                .optBatchSize(1).optOptimizer("adam").optLr(1e-3).optSeed(7).optBaseWidth(8).optKeepLast(1)
                .optModelOptions(Map.of("fpn_channels", "16", "representation", "32", "mask_channels", "16"))
                .build();
        MaskRcnnTraining.Result r = MaskRcnnTraining.builder().setTrainData(data).setConfig(budgeted)
                .setOutputDir(out).build().fit();
        CheckpointState state = Json.read(out.resolve(SegmentationTrainer.CHECKPOINTS).resolve("last")
                .resolve(CheckpointState.FILE_NAME), CheckpointState.class);
        assertThat(state.lengthBasis()).contains("time budget");
        assertThat(r.epochs()).as("the estimate is made at each epoch's checkpoint").isGreaterThan(1);
        assertThat(state.totalSteps()).isGreaterThanOrEqualTo(r.steps()).isLessThan(3000);
        assertThat(r.stoppedByTimeBudget()).isTrue();
        List<String> history = Files.readAllLines(out.resolve(MaskRcnnTraining.HISTORY));
        double lastLr = Double.parseDouble(history.get(history.size() - 1).split(",")[2]);
        assertThat(lastLr).as("the rate decays over the estimated length").isLessThan(1e-3 * 0.99);
    }

    @Test
    void resumeContinuesFromTheSavedStepWithTheSavedOptimizerState() throws Exception {
        Path split = tmp.resolve("split");
        assertThat(train(split, 3, false).steps()).isEqualTo(3);
        Path last = split.resolve(SegmentationTrainer.CHECKPOINTS).resolve("last");
        CheckpointState state = Json.read(last.resolve(CheckpointState.FILE_NAME), CheckpointState.class);
        assertThat(state.globalStep()).isEqualTo(3);
        assertThat(state.epoch()).as("3 images in batches of 2: two steps an epoch").isEqualTo(1);
        assertThat(state.stepInEpoch()).isEqualTo(1);
        assertThat(state.optimizer()).isEqualTo("adam");
        assertThat(optimizerUpdates(last)).isEqualTo(3);
        assertThat(split.resolve(SegmentationTrainer.CHECKPOINTS).resolve("epoch-0001")).isDirectory();
        List<String> before = Files.readAllLines(split.resolve(MaskRcnnTraining.HISTORY));
        Path atStep3 = Files.createDirectories(tmp.resolve("at-step-3"));
        for (String f : new String[] {MaskRcnnDirectory.SETTINGS, MaskRcnnDirectory.CLASSES, "weights.params"}) {
            Files.copy(split.resolve(f), atStep3.resolve(f));
        }

        // a fresh run does not overwrite a run folder; --resume continues it
        assertThatThrownBy(() -> train(split, 4, false)).hasMessageContaining("already holds a training run")
                .hasMessageContaining("--resume");
        MaskRcnnTraining.Result resumed = train(split, 4, true);
        assertThat(resumed.steps()).isEqualTo(4);
        List<String> after = Files.readAllLines(split.resolve(MaskRcnnTraining.HISTORY));
        assertThat(after).hasSize(before.size() + 1).startsWith(before.toArray(String[]::new));
        assertThat(after.get(after.size() - 1)).startsWith("4,2,");
        assertThat(Json.JSON.readTree(split.resolve(MaskRcnnTraining.SUMMARY).toFile()).get("resumed_from_step")
                .asLong()).isEqualTo(3);
        // the saved Adam state went on: its update count is 4, not the 1 of a fresh optimizer
        assertThat(optimizerUpdates(last)).isEqualTo(4);
        // step 4 ran at the rate an uninterrupted 4-step run uses for it (the first session's schedule
        // spanned its 3 steps; the resumed one spans the 4 now asked for)
        assertThat(Double.parseDouble(column(after.get(4), 2)))
                .isCloseTo(config(4).lrSchedule(4).lr(3), org.assertj.core.data.Offset.offset(1e-8));
        // the saved weights went on: one Adam step (lr 1e-3) from them, far from freshly initialised ones
        // (trained parameters only: batch-norm running statistics move by their momentum)
        double step4 = maxWeightDifference(atStep3, split);
        System.out.printf("mask-rcnn resume: largest weight change of the resumed step %.3g%n", step4);
        assertThat(step4).isGreaterThan(0).isLessThan(1e-2);
    }

    private static String column(String historyLine, int index) {
        return historyLine.split(",")[index];
    }

    /** The global update count in an optimizer state file (after its magic, version and name). */
    private static long optimizerUpdates(Path checkpoint) throws Exception {
        try (java.io.DataInputStream in = new java.io.DataInputStream(
                Files.newInputStream(checkpoint.resolve(SegmentationTrainer.OPTIMIZER_FILE)))) {
            in.readInt();
            in.readInt();
            assertThat(in.readUTF()).isEqualTo("adam");
            return in.readLong();
        }
    }

    private static double maxWeightDifference(Path a, Path b) {
        try (MaskRcnnDirectory.Loaded x = MaskRcnnDirectory.load(a); MaskRcnnDirectory.Loaded y = MaskRcnnDirectory.load(b)) {
            List<Pair<String, Parameter>> px = x.model().getParameters().stream().toList();
            List<Pair<String, Parameter>> py = y.model().getParameters().stream().toList();
            assertThat(py).hasSameSizeAs(px);
            double max = 0;
            for (int i = 0; i < px.size(); i++) {
                assertThat(py.get(i).getKey()).isEqualTo(px.get(i).getKey());
                if (!px.get(i).getValue().requiresGradient()) {
                    continue;
                }
                float[] u = px.get(i).getValue().getArray().toFloatArray();
                float[] v = py.get(i).getValue().getArray().toFloatArray();
                for (int j = 0; j < u.length; j++) {
                    max = Math.max(max, Math.abs(u[j] - v[j]));
                }
            }
            return max;
        }
    }
}
