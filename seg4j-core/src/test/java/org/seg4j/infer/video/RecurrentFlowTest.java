package org.seg4j.infer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.Probabilities;
import org.seg4j.infer.TestModels;
import org.seg4j.metric.video.FlowEstimator;
import org.seg4j.metric.video.FlowField;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.TemporalOptions;

/** The motion-compensated recurrent mode (recurrent-flow) on a temporal Fast-SCNN with random memory weights. */
class RecurrentFlowTest {

    static NDManager manager;
    static ModelManifest manifest;
    static Block block;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        TemporalTestModel model = TemporalTestModel.create(manager);
        manifest = model.manifest();
        block = model.block();
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** A flow estimator that returns the same displacement everywhere and counts its calls. */
    private static final class Constant implements FlowEstimator {
        final float dx;
        final AtomicInteger calls = new AtomicInteger();

        Constant(float dx) {
            this.dx = dx;
        }

        @Override
        public FlowField estimate(RgbImage from, RgbImage to) {
            calls.incrementAndGet();
            return FlowField.constant(from.width(), from.height(), dx, 0);
        }

        @Override
        public String describe() {
            return "constant(" + dx + ")";
        }
    }

    private static float maxDiff(Probabilities a, Probabilities b) {
        float worst = 0;
        for (int i = 0; i < a.data().length; i++) {
            worst = Math.max(worst, Math.abs(a.data()[i] - b.data()[i]));
        }
        return worst;
    }

    private static Probabilities[] run(Predictor p, TemporalMode mode, RgbImage... frames) {
        try (VideoSegmenter video = VideoSegmenter.builder().setPredictor(p).optProbabilities(true)
                .optTemporal(mode).build()) {
            Probabilities[] out = new Probabilities[frames.length];
            for (int i = 0; i < frames.length; i++) {
                out[i] = video.segment(frames[i]).probabilities();
            }
            return out;
        }
    }

    @Test
    void aZeroFlowLeavesTheRecurrentResultAndAMovingFlowChangesIt() {
        RgbImage a = TestModels.randomImage(64, 32, 1);
        RgbImage b = TestModels.randomImage(64, 32, 2);
        try (Predictor p = new Predictor(block, manifest, PredictorOptions.defaults())) {
            Probabilities[] plain = run(p, TemporalMode.recurrent(), a, b);
            Constant still = new Constant(0);
            Probabilities[] zero = run(p, TemporalMode.recurrentFlow(still), a, b);
            assertThat(still.calls).as("one flow per frame after the first").hasValue(1);
            assertThat(maxDiff(zero[1], plain[1])).isLessThan(1e-5f);
            // 40 input pixels: more than one 32-pixel memory cell, so the state moves
            Probabilities[] moved = run(p, TemporalMode.recurrentFlow(new Constant(40)), a, b);
            assertThat(maxDiff(moved[0], plain[0])).as("the first frame has no past").isLessThan(1e-5f);
            assertThat(maxDiff(moved[1], plain[1])).as("the warped state differs").isGreaterThan(1e-3f);
        }
    }

    @Test
    void recurrentFlowNeedsAFlowAndAutoAsksForOneOnlyForAWarpTrainedModel() {
        assertThatThrownBy(() -> TemporalMode.parse("recurrent-flow")).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("needs an optical flow").hasMessageContaining("seg4j-opencv");
        assertThat(TemporalMode.parse("recurrent-flow", () -> new Constant(0)).describe()).isEqualTo("recurrent-flow");
        TreeMap<String, String> options = new TreeMap<>(manifest.model().options());
        options.put(TemporalOptions.WARP, "flow");
        ModelSpec spec = manifest.model();
        ModelManifest warped = new ModelManifest(manifest.formatVersion(), new ModelSpec(spec.architecture(),
                spec.encoder(), spec.numClasses(), spec.baseWidth(), options), manifest.classes(),
                manifest.preprocessing(), manifest.provenance(), Map.of());
        try (Predictor plain = new Predictor(block, manifest, PredictorOptions.defaults());
                Predictor flow = new Predictor(block, warped, PredictorOptions.defaults())) {
            assertThat(TemporalMode.parse("auto").resolve(plain).describe()).isEqualTo("recurrent");
            assertThat(TemporalMode.parse("auto", () -> new Constant(0)).resolve(flow).describe())
                    .isEqualTo("recurrent-flow");
            assertThatThrownBy(() -> TemporalMode.parse("auto").resolve(flow)).isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("temporal_warp: flow").hasMessageContaining("seg4j-opencv");
        }
    }
}
