package org.seg4j.infer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.layer.BatchNormFolding;

/** Several predictors over one network share its batch-norm fold: closing one never disturbs another. */
class SharedBatchNormFoldTest {

    private static final ModelSpec SPEC = new ModelSpec("unet", "unet", 3, 4, Map.of("depth", "2"));

    /** A U-Net with batch-norm statistics far from the identity, so folding changes the rounding. */
    private static Block network(NDManager m) {
        Block block = ModelRegistry.create(SPEC);
        ModelDirectory.initialize(block, m, 32, 32);
        Random rnd = new Random(5);
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
        return block;
    }

    private static ModelManifest manifest() {
        ModelManifest base = TestModels.manifest(TestModels.POINTWISE, 64, 1.0);
        return new ModelManifest(base.formatVersion(), SPEC, base.classes(), base.preprocessing(), base.provenance(),
                base.metrics());
    }

    @Test
    void closingOnePredictorDoesNotChangeWhatAnotherComputes() throws Exception {
        ModelManifest manifest = manifest();
        RgbImage img = TestModels.randomImage(40, 28, 3);
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = network(m);
            Predictor first = new Predictor(block, manifest, PredictorOptions.defaults());
            try (Predictor running = new Predictor(block, manifest, PredictorOptions.defaults())) {
                float[] reference = running.predictProbabilities(img).data();
                int threads = 3;
                CountDownLatch started = new CountDownLatch(threads);
                CountDownLatch closedFirst = new CountDownLatch(1);
                ExecutorService pool = Executors.newFixedThreadPool(threads);
                try {
                    List<Future<Integer>> mismatches = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        mismatches.add(pool.submit(() -> {
                            int bad = 0;
                            boolean signalled = false;
                            // keep predicting through the other predictor's close and well after it
                            for (int after = 0; after < 15; ) {
                                if (!Arrays.equals(running.predictProbabilities(img).data(), reference)) {
                                    bad++;
                                }
                                if (!signalled) {
                                    started.countDown();
                                    signalled = true;
                                }
                                if (closedFirst.getCount() == 0) {
                                    after++;
                                }
                            }
                            return bad;
                        }));
                    }
                    assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
                    first.close();
                    closedFirst.countDown();
                    for (Future<Integer> f : mismatches) {
                        assertThat(f.get(120, TimeUnit.SECONDS)).as("predictions that differ from the reference")
                                .isZero();
                    }
                } finally {
                    pool.shutdownNow();
                }
                assertThat(BatchNormFolding.isFolded(block)).as("still folded for the open predictor").isTrue();
                assertThat(running.predictProbabilities(img).data()).containsExactly(reference);
            }
            assertThat(BatchNormFolding.isFolded(block)).as("the last predictor unfolds").isFalse();
        }
    }

    @Test
    void lastHolderUnfoldsAndAForeignFoldIsLeftAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = network(m);
            SharedBatchNormFold a = SharedBatchNormFold.acquire(block);
            SharedBatchNormFold b = SharedBatchNormFold.acquire(block);
            assertThat(BatchNormFolding.isFolded(block)).isTrue();
            assertThat(SharedBatchNormFold.holders(block)).isEqualTo(2);
            a.close();
            a.close();
            assertThat(SharedBatchNormFold.holders(block)).isEqualTo(1);
            assertThat(BatchNormFolding.isFolded(block)).isTrue();
            b.close();
            assertThat(SharedBatchNormFold.holders(block)).isZero();
            assertThat(BatchNormFolding.isFolded(block)).isFalse();

            BatchNormFolding.fold(block);
            SharedBatchNormFold c = SharedBatchNormFold.acquire(block);
            c.close();
            assertThat(BatchNormFolding.isFolded(block)).as("folded by someone else: stays folded").isTrue();
            BatchNormFolding.unfold(block);
        }
    }
}
