package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.synth.SyntheticStreetScenes;

@ExtendWith(SingleTorchThread.class)
class TrainingRunTest {

    @TempDir
    Path tmp;

    /** Every native array alive in any manager of the engine (all base managers hang off its system manager). */
    private static int liveArrays() {
        try (NDManager probe = NDManager.newBaseManager()) {
            return probe.getParentManager().getManagedArrays().size();
        }
    }

    @Test
    void repeatedFitsKeepNativeArraysFlat() {
        SyntheticStreetScenes data = SyntheticStreetScenes.builder().optSeed(3).optSize(32, 32).optCount(4).build();
        TrainConfig cfg = TrainConfig.builder().optModel("unet").optBaseWidth(4).optEpochs(1).optBatchSize(2).optCrop(32, 32)
                .optScale(1, 1).optHflip(false).optNumWorkers(1).optKeepLast(0).optSeed(5).build();
        int[] live = new int[21];
        for (int i = 1; i <= 20; i++) {
            TrainingRun.builder().setTrainData(data).setConfig(cfg).setOutputDir(tmp.resolve("run-" + i)).optLog(null)
                    .build().fit();
            live[i] = liveArrays();
        }
        // the first fit may create engine-wide arrays once; after it nothing may accumulate
        assertThat(live[20]).as("live native arrays after fit 20 vs fit 1: %s", java.util.Arrays.toString(live))
                .isEqualTo(live[1]);
    }

    @Test
    void aListenerAddedToTheRunCanCancelIt() {
        SyntheticStreetScenes data = SyntheticStreetScenes.builder().optSeed(3).optSize(32, 32).optCount(8).build();
        TrainConfig cfg = TrainConfig.builder().optModel("unet").optBaseWidth(4).optEpochs(3).optBatchSize(2).optCrop(32, 32)
                .optScale(1, 1).optHflip(false).optNumWorkers(1).optKeepLast(0).optSeed(5).build();
        Path out = tmp.resolve("cancelled");
        TrainResult r = TrainingRun.builder().setTrainData(data).setConfig(cfg).setOutputDir(out).optLog(null)
                .addListener(new TrainingListener() {
                    @Override
                    public Decision onStep(StepStats s) {
                        return s.step() == 1 ? Decision.CANCEL : Decision.CONTINUE;
                    }
                }).build().fit();
        assertThat(r.cancelled()).isTrue();
        assertThat(r.globalStep()).isEqualTo(2);
        assertThat(out.resolve("checkpoints/last/state.json")).exists();
        assertThat(RunSummary.read(out).stepsTaken()).isEqualTo(2);
    }
}
