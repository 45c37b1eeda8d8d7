package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.train.loader.BatchLoader;
import org.seg4j.infer.Evaluator;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.TestModels;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;

/** Validation during training computes what {@code seg4j eval} reports: one inference path for both. */
class ValidatorTest {

    /** In-memory samples: random images with random labels (some void). */
    private record Samples(List<Sample> samples, ClassMeta classes) implements SampleSource {
        @Override
        public int size() {
            return samples.size();
        }

        @Override
        public Sample load(int index) {
            return samples.get(index);
        }

        @Override
        public String id(int index) {
            return samples.get(index).id();
        }
    }

    private static Samples samples(int n, int w, int h, ClassMeta classes) {
        Random rnd = new Random(3);
        List<Sample> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] labels = new byte[w * h];
            for (int p = 0; p < labels.length; p++) {
                labels[p] = (byte) (rnd.nextInt(10) == 0 ? LabelMask.IGNORE : rnd.nextInt(3));
            }
            list.add(new Sample("s" + i, TestModels.randomImage(w, h, 20 + i), new LabelMask(w, h, labels)));
        }
        return new Samples(list, classes);
    }

    @Test
    void confusionMatrixEqualsTheEvaluatorsAtASizeThatNeedsPadding() {
        ModelSpec spec = new ModelSpec("unet", "unet", 3, 4, Map.of("depth", "2"));
        ModelManifest base = TestModels.manifest(TestModels.POINTWISE, 32, 1.0);
        ModelManifest manifest = new ModelManifest(base.formatVersion(), spec, base.classes(), base.preprocessing(),
                base.provenance(), base.metrics());
        // 42 x 30 is a multiple of neither the network's stride (4) nor the old validation padding (32)
        Samples data = samples(3, 42, 30, manifest.classes());
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, 32, 32);
            Validator.Result validated;
            try (BatchLoader loader = BatchLoader.builder().setSource(data).setBatchSize(1)
                    .optNormalization(manifest.preprocessing().normalization()).optShuffle(false).optWorkers(1)
                    .build()) {
                validated = new Validator(loader, block, new SegmentationLoss(3), m, 3).run();
            }
            ConfusionMatrix evaluated;
            try (Predictor predictor = new Predictor(block, manifest, PredictorOptions.defaults())) {
                evaluated = Evaluator.evaluate(predictor, data, null).matrix();
            }
            assertThat(evaluated.total()).isEqualTo(validated.matrix().total()).isPositive();
            assertThat(validated.matrix().toRows()).isDeepEqualTo(evaluated.toRows());
            assertThat(validated.loss()).isFinite();
        }
    }

    @Test
    void atInputScaleHalfTheMetricsAreEvalsAtFullResolution() {
        ModelSpec spec = new ModelSpec("unet", "unet", 3, 4, Map.of("depth", "2"));
        ModelManifest base = TestModels.manifest(TestModels.POINTWISE, 32, 0.5);
        ModelManifest manifest = new ModelManifest(base.formatVersion(), spec, base.classes(), base.preprocessing(),
                base.provenance(), base.metrics());
        Samples data = samples(3, 48, 36, manifest.classes());
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(7);
            Block block = ModelRegistry.create(spec);
            ModelDirectory.initialize(block, m, 32, 32);
            Validator.Result batchesOnly;
            Validator.Result validated;
            try (BatchLoader loader = BatchLoader.builder().setSource(data).setBatchSize(1)
                    .optPipeline(org.seg4j.transform.TransformPipeline.of(new org.seg4j.transform.RandomScale(0.5, 0.5)))
                    .optNormalization(manifest.preprocessing().normalization()).optShuffle(false).optWorkers(1)
                    .build()) {
                batchesOnly = new Validator(loader, block, new SegmentationLoss(3), m, 3).run();
                validated = new Validator(loader, block, new SegmentationLoss(3), m, 3, data, manifest).run();
            }
            ConfusionMatrix evaluated;
            try (Predictor predictor = new Predictor(block, manifest, PredictorOptions.defaults())) {
                evaluated = Evaluator.evaluate(predictor, data, null).matrix();
            }
            // the batches hold half-resolution masks: a quarter of the pixels eval scores
            assertThat(batchesOnly.matrix().total()).isLessThan(evaluated.total() / 2);
            assertThat(validated.matrix().toRows()).isDeepEqualTo(evaluated.toRows());
            assertThat(validated.loss()).isEqualTo(batchesOnly.loss());
        }
    }
}
