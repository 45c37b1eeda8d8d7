package org.seg4j.infer.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.Probabilities;
import org.seg4j.infer.TestModels;
import org.seg4j.model.ModelManifest;

/** A temporal Fast-SCNN whose memory has random (trained-like) weights, run through VideoSegmenter. */
class RecurrentStateTest {

    static NDManager manager;
    static ModelManifest manifest;
    static Block block;

    @TempDir
    Path dir;

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

    private static float maxDiff(Probabilities a, Probabilities b) {
        float worst = 0;
        for (int i = 0; i < a.data().length; i++) {
            worst = Math.max(worst, Math.abs(a.data()[i] - b.data()[i]));
        }
        return worst;
    }

    @Test
    void theStateCarriesFromFrameToFrameAndResetForgetsIt() {
        RgbImage a = TestModels.randomImage(40, 24, 1);
        RgbImage b = TestModels.randomImage(40, 24, 2);
        try (Predictor p = new Predictor(block, manifest, PredictorOptions.defaults());
                VideoSegmenter video = VideoSegmenter.builder().setPredictor(p).optProbabilities(true).build()) {
            assertThat(video.temporal().describe()).isEqualTo("recurrent");
            Probabilities alone = p.predictProbabilities(b);
            Probabilities first = video.segment(b).probabilities();
            assertThat(maxDiff(first, alone)).as("the first frame has no past").isLessThan(1e-5f);

            video.reset();
            video.segment(a);
            Probabilities afterA = video.segment(b).probabilities();
            assertThat(maxDiff(afterA, alone)).as("frame a changes how b is seen").isGreaterThan(1e-3f);

            video.reset();
            assertThat(maxDiff(video.segment(b).probabilities(), alone)).isLessThan(1e-5f);
            assertThat(video.frames()).isEqualTo(1);
        }
    }

    @Test
    void aFrameOfAnotherSizeStartsAfresh() {
        try (Predictor p = new Predictor(block, manifest, PredictorOptions.defaults());
                VideoSegmenter video = VideoSegmenter.builder().setPredictor(p).optProbabilities(true).build()) {
            video.segment(TestModels.randomImage(40, 24, 1));
            RgbImage other = TestModels.randomImage(24, 16, 3);
            assertThat(maxDiff(video.segment(other).probabilities(), p.predictProbabilities(other))).isLessThan(1e-5f);
        }
    }

    @Test
    void recurrentOnAPerFrameModelIsAClearErrorAndAutoFallsBackToNone() {
        try (NDManager m = NDManager.newBaseManager()) {
            ModelManifest plain = TestModels.manifest(TestModels.POINTWISE, 16, 1.0);
            Block pointwise = TestModels.build(plain, m);
            try (Predictor p = new Predictor(pointwise, plain, PredictorOptions.defaults())) {
                assertThatThrownBy(() -> VideoSegmenter.builder().setPredictor(p)
                                .optTemporal(TemporalMode.parse("recurrent")).build())
                        .isInstanceOf(Seg4jException.class).hasMessageContaining("temporal model")
                        .hasMessageContaining("none or ema");
                try (VideoSegmenter video = VideoSegmenter.builder().setPredictor(p).build()) {
                    assertThat(video.temporal().describe()).isEqualTo("none");
                }
            }
        }
    }
}
