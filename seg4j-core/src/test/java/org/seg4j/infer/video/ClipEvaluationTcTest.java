package org.seg4j.infer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.LabelMask;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.video.FrameSequences;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.TestModels;
import org.seg4j.metric.video.FlowEstimator;
import org.seg4j.metric.video.FlowField;
import org.seg4j.model.ModelManifest;

/** TC inside {@link ClipEvaluation}: a red box moving right on green, segmented by the pointwise test model. */
class ClipEvaluationTcTest {

    static NDManager manager;
    static ModelManifest manifest;
    static Block block;

    @TempDir
    Path dir;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        manifest = TestModels.manifest(TestModels.POINTWISE, 16, 1.0);
        block = TestModels.build(manifest, manager);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    /** 24x12, green, with a red 6x6 box whose left edge is at {@code left}. */
    private static RgbImage boxAt(int left) {
        RgbImage img = RgbImage.blank(24, 12);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 24; x++) {
                img.setRgb(x, y, x >= left && x < left + 6 && y >= 3 && y < 9 ? 0xFF0000 : 0x00FF00);
            }
        }
        return img;
    }

    /** A one-parameter flow: the shift of the red box's left edge from the first image to the second. */
    static final class BoxShift implements FlowEstimator {
        int calls;

        @Override
        public FlowField estimate(RgbImage from, RgbImage to) {
            calls++;
            return FlowField.constant(from.width(), from.height(), leftEdge(to) - leftEdge(from), 0);
        }

        private static int leftEdge(RgbImage img) {
            for (int x = 0; x < img.width(); x++) {
                if (img.rgb(x, 5) == 0xFF0000) {
                    return x;
                }
            }
            throw new AssertionError("no red box");
        }

        @Override
        public String describe() {
            return "box-shift";
        }
    }

    @Test
    void tcIsOneWhenThePredictionFollowsTheMotionAndIsSkippedWithoutFlow() throws Exception {
        Path frames = dir.resolve("clip/frames");
        Files.createDirectories(frames);
        for (int t = 0; t < 4; t++) {
            PngFiles.writeRgb(frames.resolve("f" + t + ".png"), boxAt(2 + 3 * t));
        }
        Files.createDirectories(dir.resolve("clip/masks"));
        List<org.seg4j.data.video.FrameSequence> clips = FrameSequences.fromClipFolder(dir);
        BoxShift flow = new BoxShift();
        try (Predictor p = new Predictor(block, manifest, PredictorOptions.defaults());
                VideoSegmenter none = VideoSegmenter.builder().setPredictor(p).build()) {
            ClipEvaluation.Result r = new ClipEvaluation(none, f -> LabelMask.filled(24, 12, 0), null, flow).run(clips);
            assertThat(flow.calls).isEqualTo(3);
            assertThat(r.tc().pairs()).isEqualTo(3);
            assertThat(r.tc().tc()).isEqualTo(1.0);
            // the box moved, so predictions changed: unlabelled flicker sees motion as change, TC does not
            assertThat(r.flicker().unlabelledFlicker()).isCloseTo(2 * 3 * 6 / (24.0 * 12), offset(1e-12));
            assertThat(r.tc().coverage()).isCloseTo(21 / 24.0, offset(1e-12));
            assertThat(r.flowMillisPerPair()).isGreaterThanOrEqualTo(0);

            ClipEvaluation.Result off = new ClipEvaluation(none, f -> LabelMask.filled(24, 12, 0), null).run(clips);
            assertThat(off.tc()).isNull();
            assertThat(off.flowMillisPerPair()).isNaN();
        }
    }
}
