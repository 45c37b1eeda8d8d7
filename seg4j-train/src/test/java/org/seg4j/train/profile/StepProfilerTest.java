package org.seg4j.train.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.train.SingleTorchThread;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.TrainResult;
import org.seg4j.train.TrainingRun;

@ExtendWith(SingleTorchThread.class)
class StepProfilerTest {

    @TempDir
    Path tmp;

    /** 8 images in batches of 2 for 2 epochs: 8 steps. */
    private TrainResult train(StepProfiler profiler, String name) {
        SyntheticStreetScenes data = SyntheticStreetScenes.builder().optSeed(3).optSize(32, 32).optCount(8).build();
        TrainConfig cfg = TrainConfig.builder().optModel("unet").optBaseWidth(4).optEpochs(2).optBatchSize(2)
                .optCrop(32, 32).optScale(1, 1).optHflip(false).optNumWorkers(1).optKeepLast(0).optSeed(5).build();
        return TrainingRun.builder().setTrainData(data).setConfig(cfg).setOutputDir(tmp.resolve(name)).optLog(null)
                .addListener(profiler).build().fit();
    }

    @Test
    void recordsTheStepsAfterTheSkippedOnesIntoATraceAndATable() throws Exception {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path dir = tmp.resolve("profile");
        StepProfiler profiler = StepProfiler.builder().setOutputDir(dir).setSteps(3).optSkipSteps(2)
                .optLog(new PrintStream(log, true, StandardCharsets.UTF_8)).build();
        TrainResult r = train(profiler, "run");
        assertThat(r.globalStep()).isEqualTo(8);
        OperatorTimes t = profiler.result();
        assertThat(t.steps()).isEqualTo(3);
        assertThat(t.totalMillis()).isPositive();
        // a U-Net step runs its convolutions forward and backward, through autograd
        assertThat(t.operators()).extracting(OperatorTime::name)
                .contains("aten::convolution_backward", "aten::mkldnn_convolution");
        assertThat(t.operators()).allSatisfy(o -> assertThat(o.selfMillis()).isGreaterThanOrEqualTo(0));
        assertThat(dir.resolve("trace.json")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("operators.md"))).contains("(3 steps)")
                .contains("| `aten::convolution_backward` |");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("trace.json", "operators.md");
        }
        assertThat(log.toString(StandardCharsets.UTF_8)).startsWith("profile: 3 steps recorded")
                .contains(dir.resolve("operators.md").toString());
    }

    @Test
    void aRunEndingEarlyKeepsTheStepsRecordedSoFar() {
        StepProfiler profiler = StepProfiler.builder().setOutputDir(tmp.resolve("p")).setSteps(50).optSkipSteps(5)
                .optLog(null).build();
        train(profiler, "short");
        assertThat(profiler.result().steps()).isEqualTo(3);
        assertThat(tmp.resolve("p/trace.json")).isNotEmptyFile();
    }

    @Test
    void aRunShorterThanTheSkipRecordsNothingAndSaysSo() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        StepProfiler profiler = StepProfiler.builder().setOutputDir(tmp.resolve("none")).setSteps(2).optSkipSteps(9)
                .optLog(new PrintStream(log, true, StandardCharsets.UTF_8)).build();
        train(profiler, "shorter");
        assertThat(profiler.result()).isNull();
        assertThat(tmp.resolve("none")).doesNotExist();
        assertThat(log.toString(StandardCharsets.UTF_8)).contains("ended after 8 steps, before the 9 steps to skip");
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> StepProfiler.builder().setSteps(2).build()).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("output folder");
        assertThatThrownBy(() -> StepProfiler.builder().setOutputDir(tmp).setSteps(0).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("got 0 steps after 5");
        assertThatThrownBy(() -> StepProfiler.builder().setOutputDir(tmp).setSteps(2).optSkipSteps(0).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("got 2 steps after 0");
    }
}
