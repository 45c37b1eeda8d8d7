package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import com.fasterxml.jackson.core.type.TypeReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.util.Json;

@ExtendWith(SingleTorchThread.class)
class SegmentationTrainerTest {

    @TempDir
    Path tmp;

    private static TrainConfig.Builder config() {
        return TrainConfig.builder().optEpochs(3).optBatchSize(4).optCrop(16, 16).optOptimizer("adamw").optLr(0.01)
                .optSchedule("poly").optWarmupSteps(2).optSeed(7).optKeepLast(2).optNumWorkers(0).optValPadMultiple(8);
    }

    private static SegmentationTrainer.Builder trainer(Path out, TrainConfig cfg, Block block) {
        return SegmentationTrainer.builder().setBlock(block).setTrainData(new TestData.Provider(16, 4, 16, 16, 1))
                .setConfig(cfg).setOutputDir(out).optManifest(TestData.manifest(16, 16)).optLog(null);
    }

    @Test
    void trainsValidatesAndWritesRunFolder() throws Exception {
        Path out = tmp.resolve("run");
        List<Integer> seen = new ArrayList<>();
        TrainResult r = trainer(out, config().build(), TestData.tinyNet(false))
                .optValidationData(new TestData.Provider(4, 2, 12, 20, 99)) // 12x20 is padded to 16x24
                .addListener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochStats stats, SegmentationMetrics v, List<EpochStats> h) {
                        seen.add(stats.epoch());
                        assertThat(v).isNotNull();
                    }
                })
                .build().fit();
        assertThat(seen).containsExactly(1, 2, 3);
        assertThat(r.epochsCompleted()).isEqualTo(3);
        assertThat(r.globalStep()).isEqualTo(12);
        assertThat(r.bestMetricName()).isEqualTo("val_miou");
        assertThat(r.history()).hasSize(3);
        assertThat(r.history().get(2).trainLoss()).isLessThan(r.history().get(0).trainLoss());
        assertThat(r.lastValidation().meanIoU()).isGreaterThan(0.3);

        assertThat(out.resolve("config.yaml")).exists();
        assertThat(TrainConfig.read(out.resolve("config.yaml"))).isEqualTo(config().build());
        List<EpochStats> history = Json.JSON.readValue(out.resolve("history.json").toFile(),
                new TypeReference<List<EpochStats>>() {});
        assertThat(history).hasSize(3);
        assertThat(history.get(0).valMIoU()).isNotNull();
        Path ck = out.resolve("checkpoints");
        try (Stream<Path> s = Files.list(ck)) {
            assertThat(s.map(p -> p.getFileName().toString()).sorted().toList())
                    .containsExactly("best", "epoch-0002", "epoch-0003", "last");
        }
        for (String f : List.of("weights.params", "optimizer.bin", "state.json")) {
            assertThat(ck.resolve("last").resolve(f)).exists();
        }
        CheckpointState st = Json.read(ck.resolve("last/state.json"), CheckpointState.class);
        assertThat(st.epoch()).isEqualTo(3);
        assertThat(st.globalStep()).isEqualTo(12);
        assertThat(st.bestMetric()).isCloseTo(r.bestMetric(), within(1e-12));

        ModelManifest m = ModelDirectory.readManifest(out);
        assertThat(m.metrics()).containsKeys("mIoU", "pixel_accuracy", "per_class_iou", "epoch");
        assertThat(((Number) m.metrics().get("mIoU")).doubleValue()).isCloseTo(r.bestMetric(), within(1e-9));
        assertThat(m.provenance().trainConfig()).containsEntry("optimizer", "adamw");
        assertThat(out.resolve("weights.params")).exists();

        // the run folder refuses a second fresh run
        assertThatThrownBy(() -> trainer(out, config().build(), TestData.tinyNet(false)).build().fit())
                .hasMessageContaining("--resume");
    }

    private static float[][] weights(Path weightsFile) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = TestData.tinyNet(true);
            ModelDirectory.initialize(b, m, 16, 16);
            ModelDirectory.loadWeights(weightsFile, b, m);
            List<float[]> list = new ArrayList<>();
            for (Pair<String, Parameter> p : b.getParameters()) {
                list.add(p.getValue().getArray().toFloatArray());
            }
            return list.toArray(new float[0][]);
        }
    }

    @Test
    void resumedRunMatchesUninterruptedRun() {
        TrainConfig cfg = config().optEpochs(2).optKeepLast(0).build();
        Path a = tmp.resolve("a");
        trainer(a, cfg, TestData.tinyNet(true)).build().fit();

        Path b = tmp.resolve("b");
        // a "kill" right after epoch 1's checkpoints are written
        assertThatThrownBy(() -> trainer(b, cfg, TestData.tinyNet(true)).addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats stats, SegmentationMetrics v, List<EpochStats> h) {
                throw new IllegalStateException("killed");
            }
        }).build().fit()).hasMessage("killed");
        TrainResult r = trainer(b, cfg, TestData.tinyNet(true)).optResume(true).build().fit();
        assertThat(r.epochsCompleted()).isEqualTo(2);
        assertThat(r.history()).hasSize(2);

        float[][] wa = weights(a.resolve("checkpoints/last/weights.params"));
        float[][] wb = weights(b.resolve("checkpoints/last/weights.params"));
        assertThat(wa.length).isEqualTo(wb.length);
        for (int i = 0; i < wa.length; i++) {
            for (int j = 0; j < wa[i].length; j++) {
                assertThat(wb[i][j]).isCloseTo(wa[i][j], within(1e-5f));
            }
        }
        assertThat(r.history().get(1).trainLoss()).isCloseTo(
                Json.read(a.resolve("checkpoints/last/state.json"), CheckpointState.class).history().get(1).trainLoss(),
                within(1e-5));
    }

    /** The averaged weights stored in a checkpoint's {@code ema.bin}. */
    private static float[][] averagedWeights(Path checkpoint) {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = TestData.tinyNet(true);
            ModelDirectory.initialize(b, m, 16, 16);
            try (WeightAverage avg = new WeightAverage(b, m, 0.5)) {
                avg.load(checkpoint.resolve(WeightAverage.FILE_NAME));
                avg.swap();
            }
            List<float[]> list = new ArrayList<>();
            for (Pair<String, Parameter> p : b.getParameters()) {
                list.add(p.getValue().getArray().toFloatArray());
            }
            return list.toArray(new float[0][]);
        }
    }

    private static void assertClose(float[][] actual, float[][] expected) {
        assertThat(actual.length).isEqualTo(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(actual[i][j]).isCloseTo(expected[i][j], within(1e-5f));
            }
        }
    }

    @Test
    void averagedWeightsAreExportedCheckpointedAndResumed() {
        TrainConfig cfg = config().optEpochs(2).optKeepLast(0).optEmaDecay(0.9).build();
        Path a = tmp.resolve("ema-a");
        trainer(a, cfg, TestData.tinyNet(true)).optValidationData(new TestData.Provider(4, 2, 16, 16, 99)).build().fit();

        // the exported model is the average kept with the best checkpoint, not its raw weights
        float[][] exported = weights(a.resolve(ModelDirectory.WEIGHTS));
        assertClose(exported, averagedWeights(a.resolve("checkpoints/best")));
        float[][] raw = weights(a.resolve("checkpoints/best/weights.params"));
        assertThat(exported[0]).isNotEqualTo(raw[0]);

        Path b = tmp.resolve("ema-b");
        assertThatThrownBy(() -> trainer(b, cfg, TestData.tinyNet(true))
                .optValidationData(new TestData.Provider(4, 2, 16, 16, 99)).addListener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochStats stats, SegmentationMetrics v, List<EpochStats> h) {
                        throw new IllegalStateException("killed");
                    }
                }).build().fit()).hasMessage("killed");
        TrainResult r = trainer(b, cfg, TestData.tinyNet(true)).optValidationData(new TestData.Provider(4, 2, 16, 16, 99))
                .optResume(true).build().fit();
        assertThat(r.epochsCompleted()).isEqualTo(2);
        // validation ran on the averaged weights, which the resumed run carried on from the checkpoint
        assertClose(averagedWeights(b.resolve("checkpoints/last")), averagedWeights(a.resolve("checkpoints/last")));
        assertClose(weights(b.resolve("checkpoints/last/weights.params")),
                weights(a.resolve("checkpoints/last/weights.params")));
        assertThat(r.history().get(1).valMIoU()).isCloseTo(
                Json.read(a.resolve("checkpoints/last/state.json"), CheckpointState.class).history().get(1).valMIoU(),
                within(1e-6));
    }

    @Test
    void modelSelectionLastExportsTheLastEpochWhateverItScored() {
        TrainConfig cfg = config().optEpochs(3).optModelSelection("last").build();
        Path out = tmp.resolve("last");
        TrainResult r = trainer(out, cfg, TestData.tinyNet(true))
                .optValidationData(new TestData.Provider(4, 2, 16, 16, 99)).build().fit();
        assertThat(r.epochsCompleted()).isEqualTo(3);
        ModelManifest m = ModelDirectory.readManifest(out);
        assertThat(((Number) m.metrics().get("epoch")).intValue()).isEqualTo(3);
        assertThat(((Number) m.metrics().get("mIoU")).doubleValue())
                .isCloseTo(r.lastValidation().meanIoU(), within(1e-9));
        assertClose(weights(out.resolve(ModelDirectory.WEIGHTS)), weights(out.resolve("checkpoints/last/weights.params")));
        assertThat(m.provenance().trainConfig()).containsEntry("model_selection", "last");
    }

    @Test
    void nonFiniteLossStopsWithoutCheckpoint() {
        Path out = tmp.resolve("nan");
        TestData.Provider data = new TestData.Provider(16, 4, 16, 16, 1);
        data.nanEpoch = 1; // second epoch (0-based), third batch
        data.nanBatch = 2;
        assertThatThrownBy(() -> SegmentationTrainer.builder().setBlock(TestData.tinyNet(false)).setTrainData(data)
                        .setConfig(config().build()).setOutputDir(out).optManifest(TestData.manifest(16, 16)).optLog(null)
                        .build().fit())
                .isInstanceOf(NonFiniteLossException.class)
                .hasMessageContaining("epoch 2")
                .hasMessageContaining("step 3");
        CheckpointState st = Json.read(out.resolve("checkpoints/last/state.json"), CheckpointState.class);
        assertThat(st.epoch()).isEqualTo(1);
        assertThat(st.globalStep()).isEqualTo(4);
        assertThat(out.resolve("checkpoints/epoch-0002")).doesNotExist();
    }

    @Test
    void timeBudgetStopsAfterStepValidatesAndCanResume() {
        Path out = tmp.resolve("budget");
        TrainConfig cfg = config().optTimeBudget(Duration.ofMillis(1)).build();
        TrainResult r = trainer(out, cfg, TestData.tinyNet(false))
                .optValidationData(new TestData.Provider(2, 2, 16, 16, 5)).build().fit();
        assertThat(r.stoppedByTimeBudget()).isTrue();
        assertThat(r.globalStep()).isEqualTo(1);
        assertThat(r.epochsCompleted()).isZero();
        assertThat(r.lastValidation()).isNotNull();
        assertThat(r.history()).singleElement().satisfies(h -> assertThat(h.partial()).isTrue());
        assertThat(out.resolve("model.json")).exists();
        CheckpointState st = Json.read(out.resolve("checkpoints/last/state.json"), CheckpointState.class);
        assertThat(st.stepInEpoch()).isEqualTo(1);

        TrainResult r2 = trainer(out, config().build(), TestData.tinyNet(false))
                .optValidationData(new TestData.Provider(2, 2, 16, 16, 5)).optResume(true).build().fit();
        assertThat(r2.epochsCompleted()).isEqualTo(3);
        assertThat(r2.globalStep()).isEqualTo(12);
        assertThat(r2.history()).hasSize(3);
        assertThat(r2.history().get(0).steps()).isEqualTo(4);
        assertThat(r2.history().get(0).partial()).isFalse();
    }

    /** A clock that stands still until a step moves it. */
    private static final class StepClock implements java.util.function.LongSupplier {
        long nanos;

        StepClock(long startSeconds) {
            nanos = startSeconds * 1_000_000_000L;
        }

        @Override
        public long getAsLong() {
            return nanos;
        }
    }

    /**
     * Makes every step take one second of {@code clock}, records each step's learning rate, and dies
     * like a {@code kill -9} (nothing after it is saved) at step {@code killAt}.
     */
    private static TrainingListener stepper(StepClock clock, java.util.Map<Long, Double> lrs, long killAt) {
        return new TrainingListener() {
            @Override
            public Decision onStep(StepStats s) {
                if (s.step() == killAt) {
                    throw new IllegalStateException("killed");
                }
                lrs.put(s.step(), s.lr());
                clock.nanos += 1_000_000_000L;
                return Decision.CONTINUE;
            }
        };
    }

    @Test
    void budgetedRunKilledMidEpochResumesOnTheSameCurveAndBudget() {
        // 4 steps per epoch, 1 s per step, 30 s budget: the epochs (100) never matter
        TrainConfig cfg = config().optEpochs(100).optKeepLast(0).optTimeBudget(Duration.ofSeconds(30)).build();
        Path a = tmp.resolve("budget-a");
        java.util.Map<Long, Double> lrA = new java.util.TreeMap<>();
        StepClock clockA = new StepClock(0);
        TrainResult ra = trainer(a, cfg, TestData.tinyNet(true)).optClock(clockA).addListener(stepper(clockA, lrA, -1))
                .build().fit();
        assertThat(ra.stoppedByTimeBudget()).isTrue();
        assertThat(ra.globalStep()).isEqualTo(30);

        Path b = tmp.resolve("budget-b");
        java.util.Map<Long, Double> lrB1 = new java.util.TreeMap<>();
        StepClock clockB1 = new StepClock(1_000);
        // killed at step 13, in epoch 4 (steps 12-15), after epoch 3's checkpoint
        assertThatThrownBy(() -> trainer(b, cfg, TestData.tinyNet(true)).optClock(clockB1)
                .addListener(stepper(clockB1, lrB1, 13)).build().fit()).hasMessage("killed");
        java.util.Map<Long, Double> lrB2 = new java.util.TreeMap<>();
        StepClock clockB2 = new StepClock(777_777); // another session, another clock
        TrainResult rb = trainer(b, cfg, TestData.tinyNet(true)).optClock(clockB2).addListener(stepper(clockB2, lrB2, -1))
                .optResume(true).build().fit();

        assertThat(lrB1.keySet()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L, 12L);
        assertThat(lrB2.keySet()).first().isEqualTo(12L);
        assertThat(lrB2.keySet()).last().isEqualTo(29L);
        for (java.util.Map<Long, Double> session : List.of(lrB1, lrB2)) {
            session.forEach((step, lr) -> assertThat(lr).as("lr of step %d", step).isEqualTo(lrA.get(step)));
        }
        assertThat(lrA.get(12L)).as("the schedule decays over the 30 steps that fit the budget")
                .isCloseTo(0.01 * Math.pow(1 - 10.0 / 28, 0.9), within(1e-12));
        assertThat(rb.globalStep()).isEqualTo(30);
        assertThat(rb.stoppedByTimeBudget()).isTrue();
        assertClose(weights(b.resolve("checkpoints/last/weights.params")),
                weights(a.resolve("checkpoints/last/weights.params")));

        RunSummary sa = RunSummary.read(a);
        RunSummary sb = RunSummary.read(b);
        assertThat(sa.stepsTaken()).isEqualTo(30);
        assertThat(sa.stoppedBy()).isEqualTo("time_budget");
        assertThat(sa.rerun()).isEqualTo("--steps 30");
        assertThat(sb).isEqualTo(sa);
    }

    @Test
    void fixedStepCountEndsTheRunMidEpochAndIsRecorded() {
        TrainConfig cfg = config().optEpochs(1).optSteps(10).build(); // 4 steps per epoch: 2 epochs and a half
        java.util.Map<Long, Double> lrs = new java.util.TreeMap<>();
        Path out = tmp.resolve("steps");
        TrainResult r = trainer(out, cfg, TestData.tinyNet(false)).addListener(stepper(new StepClock(0), lrs, -1))
                .build().fit();
        assertThat(r.globalStep()).isEqualTo(10);
        assertThat(r.epochsCompleted()).isEqualTo(2);
        assertThat(r.stoppedByTimeBudget()).isFalse();
        assertThat(r.history()).hasSize(3);
        assertThat(r.history().get(2).partial()).isTrue();
        // poly over 10 steps with 2 of warm-up: the last step is 7 of 8 along
        assertThat(lrs.get(9L)).isCloseTo(0.01 * Math.pow(1 - 7.0 / 8, 0.9), within(1e-12));
        RunSummary s = RunSummary.read(out);
        assertThat(s.stepsTaken()).isEqualTo(10);
        assertThat(s.scheduleTotalSteps()).isEqualTo(10);
        assertThat(s.stoppedBy()).isEqualTo("steps");

        TrainResult again = trainer(out, cfg, TestData.tinyNet(false)).optResume(true).build().fit();
        assertThat(again.globalStep()).as("a finished run trains no further").isEqualTo(10);
    }

    @Test
    void listenerCancelsAfterTheStepAndResumeMatchesUninterruptedRun() {
        TrainConfig cfg = config().optEpochs(2).optKeepLast(0).build();
        Path a = tmp.resolve("cancel-a");
        trainer(a, cfg, TestData.tinyNet(true)).build().fit();

        Path b = tmp.resolve("cancel-b");
        List<TrainResult> ended = new ArrayList<>();
        TrainResult r = trainer(b, cfg, TestData.tinyNet(true)).addListener(new TrainingListener() {
            @Override
            public Decision onStep(StepStats s) {
                return s.step() == 5 ? Decision.CANCEL : Decision.CONTINUE; // second step of epoch 2
            }

            @Override
            public void onTrainingEnd(TrainResult result) {
                ended.add(result);
            }
        }).build().fit();
        assertThat(r.cancelled()).isTrue();
        assertThat(r.stoppedByTimeBudget()).isFalse();
        assertThat(r.globalStep()).isEqualTo(6);
        assertThat(r.epochsCompleted()).isEqualTo(1);
        assertThat(r.history()).hasSize(2);
        assertThat(r.history().get(1).partial()).isTrue();
        assertThat(ended).containsExactly(r);
        CheckpointState st = Json.read(b.resolve("checkpoints/last/state.json"), CheckpointState.class);
        assertThat(st.globalStep()).isEqualTo(6);
        assertThat(st.stepInEpoch()).isEqualTo(2);
        assertThat(RunSummary.read(b).stoppedBy()).isEqualTo("cancelled");

        TrainResult resumed = trainer(b, cfg, TestData.tinyNet(true)).optResume(true).build().fit();
        assertThat(resumed.cancelled()).isFalse();
        assertThat(resumed.globalStep()).isEqualTo(8);
        assertThat(resumed.epochsCompleted()).isEqualTo(2);
        assertClose(weights(b.resolve("checkpoints/last/weights.params")),
                weights(a.resolve("checkpoints/last/weights.params")));
    }

    @Test
    void sgdDiceWithoutValidationPicksBestByTrainLossAndLogsPlainLines() throws Exception {
        Path out = tmp.resolve("sgd");
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        java.io.PrintStream log = new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8);
        TrainConfig cfg = config().optEpochs(2).optOptimizer("sgd").optLr(0.05).optNesterov(true).optLoss("ce+dice")
                .optSchedule("cosine").optClassWeights(new float[] {1f, 2f, 0.5f}).optGradClipNorm(5)
                .optProgressIntervalSeconds(0.001).build();
        TrainResult r = trainer(out, cfg, TestData.tinyNet(false)).optLog(log).optProgress("lines").build().fit();
        assertThat(r.bestMetricName()).isEqualTo("train_loss");
        assertThat(r.bestEpoch()).isBetween(1, 2);
        assertThat(r.bestMetric()).isEqualTo(r.history().get(r.bestEpoch() - 1).trainLoss());
        assertThat(out.resolve("checkpoints/best/state.json")).exists();
        assertThat(ModelDirectory.readManifest(out).metrics()).containsKey("train_loss").doesNotContainKey("mIoU");
        String text = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("\r");
        assertThat(text).contains("epoch 1/2  step 1/4 (25%)", "img/s", "loss", "ETA", "epoch 2/2  train loss");
        assertThat(text.lines().filter(l -> l.contains("train loss")).count()).isEqualTo(2);
    }

    private static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D+", ""));
            }
        }
        throw new IllegalStateException("no VmRSS");
    }

    @Test
    void memoryStaysFlatOver500Steps() throws Exception {
        Path out = tmp.resolve("mem");
        long[] rss = new long[6];
        TrainConfig cfg = config().optEpochs(5).optBatchSize(2).optKeepLast(1).optWarmupSteps(0).build();
        SegmentationTrainer.builder().setBlock(TestData.tinyNet(true))
                .setTrainData(new TestData.Provider(200, 2, 16, 16, 3)).setConfig(cfg).setOutputDir(out).optLog(null)
                .optNumClasses(TestData.CLASSES)
                .addListener(new TrainingListener() {
                    @Override
                    public void onEpochEnd(EpochStats stats, SegmentationMetrics v, List<EpochStats> h) {
                        try {
                            System.gc();
                            rss[stats.epoch()] = rssKb();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }).build().fit();
        long growthKb = rss[5] - rss[1];
        System.out.println("RSS per epoch (MB): " + java.util.Arrays.toString(java.util.Arrays.stream(rss).map(k -> k / 1024).toArray()));
        System.out.println("RSS after step 100: " + rss[1] / 1024 + " MB, after step 500: " + rss[5] / 1024
                + " MB, growth " + growthKb / 1024.0 + " MB");
        assertThat(growthKb).isLessThan(50 * 1024);
    }
}
