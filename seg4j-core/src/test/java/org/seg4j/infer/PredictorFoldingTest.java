package org.seg4j.infer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.layer.BatchNormFolding;

/** The predictor folds batch norm while open: same class maps, and the block is restored on close. */
class PredictorFoldingTest {

    @Test
    void foldedPredictionEqualsTheUnfoldedNetworksArgmax() {
        ModelSpec spec = new ModelSpec("unet", "unet", 3, 4, Map.of("depth", "2"));
        ModelManifest base = TestModels.manifest(TestModels.POINTWISE, 64, 1.0);
        ModelManifest manifest = new ModelManifest(base.formatVersion(), spec, base.classes(), base.preprocessing(),
                base.provenance(), base.metrics());
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, 32, 32);
            Random rnd = new Random(11);
            for (Pair<String, Parameter> p : block.getParameters()) {
                if (p.getKey().endsWith("runningMean") || p.getKey().endsWith("runningVar")) {
                    NDArray a = p.getValue().getArray();
                    float[] v = new float[(int) a.size()];
                    for (int i = 0; i < v.length; i++) {
                        v[i] = p.getKey().endsWith("runningVar") ? 0.5f + rnd.nextFloat() : rnd.nextFloat() - 0.5f;
                    }
                    a.set(v);
                }
            }
            RgbImage img = TestModels.randomImage(40, 28, 9);
            byte[] expected = plainArgmax(block, m, img, manifest);

            try (Predictor p = new Predictor(block, manifest, PredictorOptions.defaults())) {
                assertThat(BatchNormFolding.isFolded(block)).isTrue();
                LabelMask mask = p.predict(img);
                assertThat(mask.data()).isEqualTo(expected);
                assertThat(p.predictProbabilities(img).argmax().data()).isEqualTo(expected);
            }
            assertThat(BatchNormFolding.isFolded(block)).as("closing the predictor unfolds").isFalse();
        }
    }

    /** Argmax of the unfolded network's logits on the manifest's normalisation of {@code img}. */
    private static byte[] plainArgmax(Block block, NDManager m, RgbImage img, ModelManifest manifest) {
        int w = img.width();
        int h = img.height();
        float[] x = manifest.preprocessing().normalization().toChw(img);
        try (NDManager sub = m.newSubManager()) {
            NDArray in = sub.create(x, new Shape(1, 3, h, w));
            float[] logits = block.forward(new ParameterStore(sub, false), new NDList(in), false).head().toFloatArray();
            return new Probabilities(3, w, h, logits).argmax().data();
        }
    }
}
