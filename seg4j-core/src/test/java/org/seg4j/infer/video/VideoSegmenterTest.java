package org.seg4j.infer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.video.ClipFrame;
import org.seg4j.data.video.Ffmpeg;
import org.seg4j.data.video.FrameFolderSource;
import org.seg4j.data.video.FrameSequence;
import org.seg4j.data.video.FrameSequences;
import org.seg4j.data.video.VideoReader;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.TestModels;
import org.seg4j.metric.video.FlowEstimator;
import org.seg4j.metric.video.FlowField;
import org.seg4j.model.ModelManifest;

/** The pointwise test model predicts a pixel's dominant colour channel: 0 red, 1 green, 2 blue. */
class VideoSegmenterTest {

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

    private static RgbImage solid(int w, int h, int rgb) {
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRgb(x, y, rgb);
            }
        }
        return img;
    }

    private static final int RED = 0xFF0000;
    private static final int GREEN = 0x00FF00;

    private static List<Integer> classes(VideoSegmenter s, int... colours) {
        List<Integer> out = new ArrayList<>();
        for (int c : colours) {
            out.add(s.segment(solid(8, 6, c)).mask().get(3, 2));
        }
        return out;
    }

    @Test
    void emaLagsBehindAChangeAndResetForgets() {
        try (Predictor p = new Predictor(block, manifest, PredictorOptions.defaults());
                VideoSegmenter none = VideoSegmenter.builder().setPredictor(p).build();
                VideoSegmenter ema = VideoSegmenter.builder().setPredictor(p)
                        .optTemporal(TemporalMode.ema(0.4)).optProbabilities(true).build()) {
            assertThat(classes(none, RED, RED, GREEN, GREEN)).containsExactly(0, 0, 1, 1);
            // p2 = 0.4 G + 0.6 R (red wins); p3 = 0.64 G + 0.36 R (green wins)
            assertThat(classes(ema, RED, RED, GREEN)).containsExactly(0, 0, 0);
            FrameResult r = ema.segment(solid(8, 6, GREEN));
            assertThat(r.mask().get(0, 0)).isEqualTo(1);
            assertThat(r.index()).isEqualTo(3);
            assertThat(r.probabilities().get(1, 0, 0)).isCloseTo(0.64f, offset(1e-3f));
            ema.reset();
            assertThat(ema.frames()).isZero();
            FrameResult first = ema.segment(solid(8, 6, GREEN));
            assertThat(first.index()).isZero();
            assertThat(first.probabilities().get(1, 0, 0)).isCloseTo(1f, offset(1e-3f));
            // a frame of another size starts a new average instead of failing
            assertThat(ema.segment(solid(5, 5, RED)).mask().get(0, 0)).isZero();
        }
    }

    /** Green frame 8x6 with a red block in columns x0..x0+1. */
    private static RgbImage block(int x0) {
        RgbImage img = solid(8, 6, GREEN);
        for (int y = 0; y < 6; y++) {
            img.setRgb(x0, y, RED);
            img.setRgb(x0 + 1, y, RED);
        }
        return img;
    }

    @Test
    void motionCompensatedEmaFollowsAMovingObjectWherePlainEmaLeavesAGhost() {
        // the block moves 3 px right; the flow from the new frame to the previous one is dx = -3
        List<RgbImage> from = new ArrayList<>();
        FlowEstimator shift = new FlowEstimator() {
            @Override
            public FlowField estimate(RgbImage a, RgbImage b) {
                from.add(a);
                return FlowField.constant(a.width(), a.height(), -3, 0);
            }

            @Override
            public String describe() {
                return "shift(-3, 0)";
            }
        };
        try (Predictor p = new Predictor(block, manifest, PredictorOptions.defaults());
                VideoSegmenter plain = VideoSegmenter.builder().setPredictor(p).optTemporal(TemporalMode.ema(0.4)).build();
                VideoSegmenter flow = VideoSegmenter.builder().setPredictor(p)
                        .optTemporal(TemporalMode.parse("ema-flow:0.4", () -> shift)).build()) {
            RgbImage first = block(1);
            RgbImage second = block(4);
            plain.segment(first);
            LabelMask ghost = plain.segment(second).mask();
            // plain: 0.4 G + 0.6 R where the block was (red ghost), 0.4 R + 0.6 G where it is (lag)
            assertThat(ghost.get(1, 2)).isZero();
            assertThat(ghost.get(4, 2)).isEqualTo(1);
            flow.segment(first);
            LabelMask followed = flow.segment(second).mask();
            // warped: the block's history lands on its new place; the uncovered columns 0..2 come from
            // outside the previous frame and start from the new frame's own prediction
            for (int x = 0; x < 8; x++) {
                assertThat(followed.get(x, 2)).as("x=" + x).isEqualTo(x == 4 || x == 5 ? 0 : 1);
            }
            assertThat(from).containsExactly(second); // flow from the new frame to the previous one
            assertThat(TemporalMode.parse("ema-flow", () -> shift).describe()).isEqualTo("ema-flow:0.5");
            assertThatThrownBy(() -> TemporalMode.parse("ema-flow:0.3")).hasMessageContaining("needs an optical flow");
        }
    }

    @Test
    void badSettingsAreClearErrors() {
        assertThatThrownBy(() -> TemporalMode.parse("ema:1.5")).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> TemporalMode.parse("lstm")).hasMessageContaining("valid: auto, none, ema").hasMessageContaining("recurrent");
        assertThat(TemporalMode.parse("ema:0.3").describe()).isEqualTo("ema:0.3");
        assertThatThrownBy(() -> VideoSegmenter.builder().build()).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("setModelDir");
    }

    @Test
    void clipEvaluationCountsFlickerAndAccuracy() throws Exception {
        // frames R, G, R with truth R, R, R: per-frame flickers twice, EMA(0.4) never changes class
        Path frames = dir.resolve("clip/frames");
        Path masks = dir.resolve("clip/masks");
        Files.createDirectories(frames);
        Files.createDirectories(masks);
        int[] colours = {RED, GREEN, RED};
        for (int i = 0; i < 3; i++) {
            PngFiles.writeRgb(frames.resolve("f" + i + ".png"), solid(4, 2, colours[i]));
            PngFiles.writeIndexMask(masks.resolve("f" + i + ".png"), LabelMask.filled(4, 2, 0));
        }
        List<FrameSequence> clips = FrameSequences.fromClipFolder(dir);
        try (Predictor p = new Predictor(block, manifest, PredictorOptions.defaults());
                VideoSegmenter none = VideoSegmenter.builder().setPredictor(p).build();
                VideoSegmenter ema = VideoSegmenter.builder().setPredictor(p).optTemporal(TemporalMode.ema(0.4)).build()) {
            ClipEvaluation.Result perFrame = new ClipEvaluation(none, f -> LabelMask.filled(4, 2, 0), null).run(clips);
            assertThat(perFrame.frames()).isEqualTo(3);
            assertThat(perFrame.labelledFrames()).isEqualTo(3);
            assertThat(perFrame.flicker().flicker()).isEqualTo(1.0);
            assertThat(perFrame.confusion().metrics().pixelAccuracy()).isCloseTo(2.0 / 3, offset(1e-9));
            ClipEvaluation.Result smooth = new ClipEvaluation(ema, f -> LabelMask.filled(4, 2, 0), null).run(clips);
            assertThat(smooth.flicker().flicker()).isZero();
            assertThat(smooth.flicker().unlabelledFlicker()).isZero();
            assertThat(smooth.confusion().metrics().pixelAccuracy()).isEqualTo(1.0);
        }
    }

    @Test
    void predictionWritesAnOverlayVideoAndMasks() throws Exception {
        assumeTrue(Ffmpeg.isAvailable(), "ffmpeg not installed (apt-get install ffmpeg); .ci/run installs it");
        Path frames = dir.resolve("frames");
        Files.createDirectories(frames);
        for (int i = 0; i < 4; i++) {
            PngFiles.writeRgb(frames.resolve("img_" + (10 + i) + ".png"), solid(16, 12, i % 2 == 0 ? RED : GREEN));
        }
        Path masks = dir.resolve("masks");
        Files.createDirectories(masks);
        Path out = dir.resolve("out.mp4");
        FrameSequence seq = FrameSequences.fromFrameFolder(frames);
        assertThat(seq.frames()).extracting(ClipFrame::number).containsExactly(10L, 11L, 12L, 13L);
        try (Predictor p = new Predictor(block, manifest, PredictorOptions.defaults());
                VideoSegmenter s = VideoSegmenter.builder().setPredictor(p).build()) {
            VideoPrediction.Summary summary = new VideoPrediction(s, 1.0, masks, null)
                    .run(new FrameFolderSource(seq, 0), out);
            assertThat(summary.frames()).isEqualTo(4);
            assertThat(summary.fps()).isEqualTo(VideoPrediction.DEFAULT_FPS);
        }
        assertThat(masks.resolve("frame_000003.png")).exists();
        try (VideoReader reader = VideoReader.open(out)) {
            // alpha 1: the overlay is the class colour: red (255,0,0) for frame 0, green for frame 1
            RgbImage f0 = reader.next();
            RgbImage f1 = reader.next();
            assertThat(f0.get(8, 6, 0)).isGreaterThan(200);
            assertThat(f1.get(8, 6, 1)).isGreaterThan(200);
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNotNull();
            assertThat(reader.next()).isNull();
        }
    }

    /** 24x12, green, with a red 6x6 box whose left edge is at {@code left}. */
    private static RgbImage boxAt(int left) {
        RgbImage img = RgbImage.blank(24, 12);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 24; x++) {
                img.setRgb(x, y, x >= left && x < left + 6 && y >= 3 && y < 9 ? RED : GREEN);
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
                if (img.rgb(x, 5) == RED) {
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
        List<FrameSequence> clips = FrameSequences.fromClipFolder(dir);
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
