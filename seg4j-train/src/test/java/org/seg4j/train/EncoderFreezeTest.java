package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;

@ExtendWith(SingleTorchThread.class)
class EncoderFreezeTest {

    @TempDir
    Path tmp;

    private static SegmentationModel tinyUnet() {
        return (SegmentationModel) ModelRegistry.create(
                new ModelSpec("unet", "unet", TestData.CLASSES, 4, Map.of("depth", "2")));
    }

    private static TrainConfig.Builder config() {
        // weight decay on: a frozen parameter that were decayed would change too
        return TrainConfig.builder().optEpochs(2).optBatchSize(4).optCrop(16, 16).optOptimizer("adamw").optLr(0.01)
                .optWeightDecay(0.1).optSeed(3).optKeepLast(0).optNumWorkers(0).optModel("unet")
                .optFreezeEncoder(1);
    }

    private static SegmentationTrainer.Builder trainer(Path out, TrainConfig cfg, Block block, PrintStream log) {
        return SegmentationTrainer.builder().setBlock(block).setTrainData(new TestData.Provider(8, 4, 16, 16, 1))
                .setConfig(cfg).setOutputDir(out).optManifest(TestData.manifest(16, 16)).optLog(log);
    }

    /** Trained parameters (batch-norm running statistics left out: they update in training mode). */
    private static Map<Parameter, float[]> snapshot(Block block) {
        Map<Parameter, float[]> m = new IdentityHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter.Type t = p.getValue().getType();
            if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
                m.put(p.getValue(), p.getValue().getArray().toFloatArray());
            }
        }
        return m;
    }

    @Test
    void encoderIsUnchangedWhileFrozenThenTrains() {
        SegmentationModel model = tinyUnet();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        try (NDManager m = NDManager.newBaseManager()) {
            ModelDirectory.initialize(model, m, 16, 16);
            Set<Parameter> encoder = new HashSet<>(snapshot(model.encoder()).keySet());
            List<Map<Parameter, float[]>> states = new ArrayList<>();
            states.add(snapshot(model));
            trainer(tmp.resolve("run"), config().build(), model, new PrintStream(log, true, StandardCharsets.UTF_8))
                    .addListener(new TrainingListener() {
                        @Override
                        public void onEpochEnd(EpochStats s, SegmentationMetrics v, List<EpochStats> h) {
                            states.add(snapshot(model));
                        }
                    }).build().fit();
            assertThat(states).hasSize(3);
            assertThat(encoder).isNotEmpty();
            int decoder = 0;
            for (Parameter p : states.get(0).keySet()) {
                float[] start = states.get(0).get(p);
                float[] epoch1 = states.get(1).get(p);
                float[] epoch2 = states.get(2).get(p);
                if (encoder.contains(p)) {
                    assertThat(epoch1).as(p.getName() + " after the frozen epoch").containsExactly(start);
                } else {
                    decoder++;
                    assertThat(epoch1).as(p.getName() + " after epoch 1").isNotEqualTo(start);
                }
                assertThat(epoch2).as(p.getName() + " after epoch 2").isNotEqualTo(epoch1);
            }
            assertThat(decoder).isPositive();
            // the caller gets the block back unfrozen
            assertThat(encoder).allMatch(Parameter::requiresGradient);
        }
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("epoch 1: encoder frozen (no update, no weight decay) through epoch 1")
                .contains("epoch 2: encoder unfrozen");
    }

    @Test
    void resumeInsideTheFrozenPhaseMatchesUninterruptedRun() {
        TrainConfig cfg = config().optEpochs(3).optFreezeEncoder(2).build();
        SegmentationModel a = tinyUnet();
        trainer(tmp.resolve("a"), cfg, a, null).build().fit();

        Path b = tmp.resolve("b");
        assertThatThrownBy(() -> trainer(b, cfg, tinyUnet(), null).addListener(new TrainingListener() {
            @Override
            public void onEpochEnd(EpochStats s, SegmentationMetrics v, List<EpochStats> h) {
                throw new IllegalStateException("killed");
            }
        }).build().fit()).hasMessage("killed");
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        SegmentationModel resumed = tinyUnet();
        trainer(b, cfg, resumed, new PrintStream(log, true, StandardCharsets.UTF_8)).optResume(true).build().fit();
        assertThat(log.toString(StandardCharsets.UTF_8))
                .contains("epoch 2: encoder frozen").contains("epoch 3: encoder unfrozen");

        List<Pair<String, Parameter>> pa = a.getParameters().stream().toList();
        List<Pair<String, Parameter>> pb = resumed.getParameters().stream().toList();
        assertThat(pb).hasSameSizeAs(pa);
        for (int i = 0; i < pa.size(); i++) {
            float[] wa = pa.get(i).getValue().getArray().toFloatArray();
            float[] wb = pb.get(i).getValue().getArray().toFloatArray();
            for (int j = 0; j < wa.length; j++) {
                assertThat(wb[j]).as(pa.get(i).getKey()).isCloseTo(wa[j], org.assertj.core.api.Assertions.within(1e-5f));
            }
        }
    }

    @Test
    void modelWithoutSeparableEncoderIsAClearError() {
        assertThatThrownBy(() -> trainer(tmp.resolve("x"), config().optModel("tiny").build(), TestData.tinyNet(false),
                null).build())
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("freeze_encoder: model 'tiny' has no separable encoder");
    }

    @Test
    void configKeyRoundTripsAndChangesTheHashOnlyWhenSet() {
        TrainConfig plain = TrainConfig.builder().build();
        TrainConfig frozen = TrainConfig.builder().optFreezeEncoder(3).build();
        assertThat(TrainConfig.fromMap(Map.of("freeze_encoder", 3), "t")).isEqualTo(frozen);
        assertThat(plain.toMap()).containsEntry("freeze_encoder", 0);
        assertThat(frozen.hash()).isNotEqualTo(plain.hash());
        assertThatThrownBy(() -> TrainConfig.builder().optFreezeEncoder(-1).build())
                .hasMessageContaining("freeze_encoder must not be negative");
    }
}
