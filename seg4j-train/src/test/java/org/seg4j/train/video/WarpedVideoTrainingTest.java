package org.seg4j.train.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.nn.Parameter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.TemporalOptions;
import org.seg4j.model.layer.ScoreFusionMemory;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.TrainingRun;

/**
 * A training run with temporal_warp: flow (the clips carry flows, the model records the option), and
 * one with the temporal consistency loss alone (flows for the loss, none for the memory).
 */
class WarpedVideoTrainingTest {

    @TempDir
    Path tmp;

    private static TrainConfig.Builder config(String source) {
        return TrainConfig.builder().optModel("fastscnn").optBaseWidth(8).optEpochs(1).optBatchSize(2)
                .optCrop(32, 32).optScale(1, 1).optHflip(false).optNumWorkers(1).optKeepLast(0).optSeed(5)
                .optTask(TrainConfig.TASK_VIDEO).optClipLength(2).optClipSource(source)
                .optModelOptions(Map.of(TemporalOptions.WARP, "flow", "blocks", "1"));
    }

    @Test
    void syntheticClipsTrainTheWarpedMemoryAndTheModelKeepsTheOption() {
        SyntheticStreetScenes data = SyntheticStreetScenes.builder().optSeed(3).optSize(32, 32).optCount(2).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path out = tmp.resolve("warp");
        TrainingRun.builder().setTrainData(data).setConfig(config("synthetic").build()).setOutputDir(out)
                .optLog(new PrintStream(log, true, StandardCharsets.UTF_8)).build().fit();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("memory warped along the camera's exact flow");
        assertThat(ModelDirectory.readManifest(out).model().options()).containsEntry(TemporalOptions.WARP, "flow");
    }

    @Test
    void neighbourClipsWithoutAFlowEstimatorAreRefused() {
        SyntheticStreetScenes data = SyntheticStreetScenes.builder().optSeed(3).optSize(32, 32).optCount(2).build();
        assertThatThrownBy(() -> TrainingRun.builder().setTrainData(data).setConfig(config("neighbours").build())
                        .setOutputDir(tmp.resolve("nb")).optLog(null).build().fit())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal_warp")
                .hasMessageContaining("seg4j-opencv").hasMessageContaining("optFlow");
    }

    @Test
    void theConsistencyLossAloneAsksForFlowsButLeavesTheMemoryUnwarped() {
        SyntheticStreetScenes data = SyntheticStreetScenes.builder().optSeed(3).optSize(32, 32).optCount(2).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path out = tmp.resolve("consistent");
        TrainConfig cfg = config("synthetic").optModelOptions(Map.of("blocks", "1")).optTemporalConsistency(2).build();
        TrainingRun.builder().setTrainData(data).setConfig(cfg).setOutputDir(out)
                .optLog(new PrintStream(log, true, StandardCharsets.UTF_8)).build().fit();
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("temporal consistency loss (weight 2) between consecutive frames aligned by the camera's "
                        + "exact flow")
                .doesNotContain("memory warped");
        assertThat(ModelDirectory.readManifest(out).model().options()).doesNotContainKey(TemporalOptions.WARP);
        assertThat(TrainConfig.read(out.resolve(TrainConfig.FILE_NAME)).temporalConsistency()).isEqualTo(2.0);

        assertThatThrownBy(() -> TrainingRun.builder().setTrainData(data)
                        .setConfig(config("neighbours").optModelOptions(Map.of("blocks", "1"))
                                .optTemporalConsistency(2).build())
                        .setOutputDir(tmp.resolve("nb")).optLog(null).build().fit())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal_consistency")
                .hasMessageContaining("optFlow");
    }

    @Test
    void everyStepWarpsAlongItsOwnFlows() {
        // several steps: each must pass its own batch's flows (a first version kept the first step's,
        // freed with that step, and the second step failed with "NDManager has been closed already")
        SyntheticStreetScenes data = SyntheticStreetScenes.builder().optSeed(3).optSize(32, 32).optCount(6).build();
        Path out = tmp.resolve("steps");
        TrainingRun.builder().setTrainData(data).setConfig(config("synthetic").optTemporalTrain("memory")
                        .optTemporalConsistency(1).build())
                .setOutputDir(out).optLog(null).build().fit();
        assertThat(ModelDirectory.readManifest(out).model().options()).containsEntry(TemporalOptions.WARP, "flow");
    }

    @Test
    void theOutputMemoryTrainsOnJitteredClipsAndMovesFromItsStartingBlend() {
        SyntheticStreetScenes data = SyntheticStreetScenes.builder().optSeed(3).optSize(32, 32).optCount(6).build();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path out = tmp.resolve("fusion");
        TrainConfig cfg = config("synthetic").optModelOptions(Map.of(TemporalOptions.WARP, "flow", "blocks", "1",
                        TemporalOptions.TEMPORAL, "fusion"))
                .optTemporalTrain("memory").optClipFrameJitter(0.2).optTemporalConsistency(1).build();
        TrainingRun.builder().setTrainData(data).setConfig(cfg).setOutputDir(out)
                .optLog(new PrintStream(log, true, StandardCharsets.UTF_8)).build().fit();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("memory warped along the camera's exact flow")
                .contains("each frame jittered on its own (strength 0.2)");
        try (ModelDirectory.LoadedModel model = ModelDirectory.load(out)) {
            assertThat(model.manifest().model().options()).containsEntry(TemporalOptions.TEMPORAL, "fusion");
            SegmentationModel network = (SegmentationModel) model.block();
            assertThat(network.temporal()).isInstanceOf(ScoreFusionMemory.class);
            float startingBias = (float) Math.log(0.15 / 0.85);
            float bias = network.temporal().getParameters().stream()
                    .filter(p -> p.getKey().startsWith("02gate") && p.getValue().getType() == Parameter.Type.BIAS)
                    .findFirst().orElseThrow().getValue().getArray().getFloat();
            assertThat(Math.abs(bias - startingBias)).as("three steps of training move the gate").isGreaterThan(1e-4f);
        }
    }
}
