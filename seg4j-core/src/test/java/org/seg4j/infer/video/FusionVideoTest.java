package org.seg4j.infer.video;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.Probabilities;
import org.seg4j.infer.TestModels;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.TemporalOptions;

/**
 * A model with its memory on the output (temporal: fusion), untrained, through VideoSegmenter: each
 * frame's probabilities are the moving average of the per-frame ones with the starting blend.
 */
class FusionVideoTest {

    @Test
    void aFreshFusionMemoryIsTheMovingAverageOfThePerFrameProbabilities() {
        ModelManifest base = TestModels.manifest(TestModels.POINTWISE, 32, 1.0);
        ModelSpec spec = new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "1", TemporalOptions.TEMPORAL, "fusion",
                TemporalOptions.BLEND, "0.25"));
        ModelManifest manifest = new ModelManifest(ModelManifest.FORMAT_VERSION, spec, base.classes(),
                base.preprocessing(), base.provenance(), Map.of());
        RgbImage a = TestModels.randomImage(40, 24, 1);
        RgbImage b = TestModels.randomImage(40, 24, 2);
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, manager, 32, 32);
            try (Predictor p = new Predictor(block, manifest, PredictorOptions.defaults());
                    VideoSegmenter video = VideoSegmenter.builder().setPredictor(p).optProbabilities(true).build()) {
                assertThat(video.temporal().describe()).isEqualTo("recurrent");
                Probabilities qa = p.predictProbabilities(a);
                Probabilities qb = p.predictProbabilities(b);
                assertThat(maxDiff(video.segment(a).probabilities().data(), qa.data())).isLessThan(1e-5f);
                float[] second = video.segment(b).probabilities().data();
                float[] expected = new float[second.length];
                for (int i = 0; i < expected.length; i++) {
                    expected[i] = 0.25f * qb.data()[i] + 0.75f * qa.data()[i];
                }
                assertThat(maxDiff(second, expected)).isLessThan(1e-5f);
                assertThat(maxDiff(second, qb.data())).as("the first frame changes the second").isGreaterThan(1e-3f);
            }
        }
    }

    private static float maxDiff(float[] a, float[] b) {
        float worst = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
        }
        return worst;
    }
}
