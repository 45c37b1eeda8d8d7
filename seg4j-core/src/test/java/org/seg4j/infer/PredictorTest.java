package org.seg4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.refine.CrfParams;
import org.seg4j.infer.refine.CrfRefiner;
import org.seg4j.model.ModelManifest;

class PredictorTest {

    static NDManager manager;
    static ModelManifest pointManifest;
    static Block pointBlock;
    static ModelManifest convManifest;
    static Block convBlock;

    @BeforeAll
    static void setUp() {
        manager = NDManager.newBaseManager();
        pointManifest = TestModels.manifest(TestModels.POINTWISE, 64, 1.0);
        pointBlock = TestModels.build(pointManifest, manager);
        convManifest = TestModels.manifest(TestModels.CONV3, 64, 1.0);
        convBlock = TestModels.build(convManifest, manager);
    }

    @AfterAll
    static void tearDown() {
        manager.close();
    }

    @Test
    void crfOptionRefinesProbabilitiesAndMasks() {
        RgbImage img = TestModels.randomImage(45, 37, 5);
        CrfParams crf = CrfParams.defaults().withSmoothness(3, 4);
        try (Predictor plain = new Predictor(convBlock, convManifest, PredictorOptions.defaults());
                Predictor refined = new Predictor(convBlock, convManifest, PredictorOptions.defaults().withCrf(crf))) {
            Probabilities raw = plain.predictProbabilities(img);
            Probabilities expected = new CrfRefiner(crf).refine(img, raw);
            Probabilities actual = refined.predictProbabilities(img);
            assertThat(actual.data()).containsExactly(expected.data());
            assertThat(actual.data()).isNotEqualTo(raw.data());
            assertThat(refined.predict(img).data()).isEqualTo(expected.argmax().data());
            assertThat(refined.scratchArrays()).isZero();
        }
    }

    @Test
    void pointwiseModelGivesExactMask() {
        RgbImage img = TestModels.randomImage(53, 41, 1);
        try (Predictor p = new Predictor(pointBlock, pointManifest, PredictorOptions.defaults())) {
            LabelMask mask = p.predict(img);
            assertThat(mask.width()).isEqualTo(53);
            assertThat(mask.height()).isEqualTo(41);
            assertThat(mask.data()).isEqualTo(TestModels.dominantChannel(img));
            Probabilities probs = p.predictProbabilities(img);
            assertThat(probs.numClasses()).isEqualTo(3);
            for (int i = 0; i < 53 * 41; i += 97) {
                float sum = 0;
                for (int c = 0; c < 3; c++) {
                    sum += probs.data()[c * 53 * 41 + i];
                }
                assertThat(sum).isCloseTo(1f, org.assertj.core.data.Offset.offset(1e-4f));
            }
            assertThat(p.scratchArrays()).isZero();
        }
    }

    @Test
    void slidingWindowEqualsWholeForPointwiseModel() {
        RgbImage img = TestModels.randomImage(150, 97, 2);
        PredictorOptions tiled = PredictorOptions.defaults().withTileSize(40).withTileBatch(3).alwaysTiled();
        try (Predictor whole = new Predictor(pointBlock, pointManifest, PredictorOptions.defaults());
                Predictor slide = new Predictor(pointBlock, pointManifest, tiled)) {
            Probabilities a = whole.predictProbabilities(img);
            Probabilities b = slide.predictProbabilities(img);
            for (int i = 0; i < a.data().length; i++) {
                assertThat(b.data()[i]).isCloseTo(a.data()[i], org.assertj.core.data.Offset.offset(1e-5f));
            }
            assertThat(slide.predict(img).data()).isEqualTo(TestModels.dominantChannel(img));
        }
    }

    @Test
    void slidingWindowIsCloseForConvModelAwayFromBorders() {
        RgbImage img = TestModels.randomImage(120, 90, 3);
        PredictorOptions tiled = PredictorOptions.defaults().withTileSize(48).alwaysTiled();
        try (Predictor whole = new Predictor(convBlock, convManifest, PredictorOptions.defaults());
                Predictor slide = new Predictor(convBlock, convManifest, tiled)) {
            Probabilities a = whole.predictProbabilities(img);
            Probabilities b = slide.predictProbabilities(img);
            double maxDiff = 0;
            for (int c = 0; c < 3; c++) {
                for (int y = 2; y < 88; y++) {
                    for (int x = 2; x < 118; x++) {
                        maxDiff = Math.max(maxDiff, Math.abs(a.get(c, x, y) - b.get(c, x, y)));
                    }
                }
            }
            // tile edges inside the image see zero padding; blending makes their weight tiny
            assertThat(maxDiff).isLessThan(0.02);
            LabelMask ma = whole.predict(img);
            LabelMask mb = slide.predict(img);
            int same = 0;
            for (int i = 0; i < ma.data().length; i++) {
                same += ma.data()[i] == mb.data()[i] ? 1 : 0;
            }
            assertThat(same).isGreaterThan(ma.data().length * 99 / 100);
        }
    }

    @Test
    void bandedArgmaxEqualsFullProbabilityArgmax() {
        RgbImage img = TestModels.randomImage(50, 203, 8);
        for (int batch : new int[] {1, 3, 5, 16}) {
            PredictorOptions tiled = PredictorOptions.defaults().withTileSize(32).withTileBatch(batch).alwaysTiled();
            try (Predictor p = new Predictor(convBlock, convManifest, tiled)) {
                byte[] banded = p.predict(img).data();
                byte[] full = p.predictProbabilities(img).argmax().data();
                int differ = 0;
                for (int i = 0; i < full.length; i++) {
                    differ += banded[i] != full[i] ? 1 : 0;
                }
                // identical up to float rounding of the weight normalisation (ties)
                assertThat(differ).as("batch %d", batch).isLessThanOrEqualTo(2);
            }
        }
    }

    @Test
    void outputIsInputResolutionForOddSizesAndScales() {
        for (double scale : new double[] {1.0, 0.5, 0.37, 1.5}) {
            for (int[] size : new int[][] {{1, 1}, {7, 3}, {33, 65}, {101, 57}}) {
                RgbImage img = TestModels.blockImage(size[0], size[1], 16, 4);
                PredictorOptions opts = PredictorOptions.defaults().withScale(scale);
                try (Predictor p = new Predictor(pointBlock, pointManifest, opts)) {
                    LabelMask mask = p.predict(img);
                    assertThat(mask.width()).isEqualTo(size[0]);
                    assertThat(mask.height()).isEqualTo(size[1]);
                    Probabilities probs = p.predictProbabilities(img);
                    assertThat(probs.width()).isEqualTo(size[0]);
                    assertThat(probs.height()).isEqualTo(size[1]);
                    // the block pattern survives rescaling away from block edges
                    byte[] expected = TestModels.dominantChannel(img);
                    for (int y = 0; y < size[1]; y++) {
                        for (int x = 0; x < size[0]; x++) {
                            int mx = x % 16;
                            int my = y % 16;
                            if (mx > 3 && mx < 12 && my > 3 && my < 12) {
                                assertThat(mask.get(x, y)).isEqualTo(expected[y * size[0] + x]);
                            }
                        }
                    }
                }
            }
        }
        // tiled and scaled together
        RgbImage img = TestModels.blockImage(211, 143, 16, 5);
        try (Predictor p = new Predictor(pointBlock, pointManifest,
                PredictorOptions.defaults().withScale(0.5).withTileSize(32).alwaysTiled())) {
            LabelMask mask = p.predict(img);
            assertThat(mask.width()).isEqualTo(211);
            assertThat(mask.height()).isEqualTo(143);
        }
    }

    @Test
    void multiScaleAveragesTheMapsOfEachScaleAtInputResolution() {
        RgbImage img = TestModels.randomImage(61, 43, 8);
        PredictorOptions base = PredictorOptions.defaults();
        try (Predictor one = new Predictor(convBlock, convManifest, base.withScale(1.0));
                Predictor half = new Predictor(convBlock, convManifest, base.withScale(0.5));
                Predictor multi = new Predictor(convBlock, convManifest, base.withScaleFactors(List.of(1.0, 0.5)));
                Predictor plain = new Predictor(convBlock, convManifest, base.withScaleFactors(List.of(1.0)))) {
            float[] a = one.predictProbabilities(img).data();
            float[] b = half.predictProbabilities(img).data();
            Probabilities m = multi.predictProbabilities(img);
            assertThat(m.width()).isEqualTo(61);
            assertThat(m.height()).isEqualTo(43);
            for (int i = 0; i < a.length; i++) {
                assertThat(m.data()[i]).isCloseTo((a[i] + b[i]) / 2, org.assertj.core.data.Offset.offset(1e-6f));
            }
            assertThat(multi.predict(img).data()).isEqualTo(m.argmax().data());
            assertThat(multi.predictBatch(List.of(img, img)).get(1).data()).isEqualTo(m.argmax().data());
            assertThat(b).isNotEqualTo(a);
            assertThat(plain.options().multiScale()).isFalse();
            assertThat(plain.predictProbabilities(img).data()).containsExactly(a);
            assertThat(multi.scratchArrays()).isZero();
            assertThat(multi.describeSettings()).isEqualTo("input scale 1, scales x1/0.5");
            assertThat(half.describeSettings()).isEqualTo("input scale 0.5");
        }
        assertThatThrownBy(() -> base.withScaleFactors(List.of(1.0, 0.0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scale factors");
    }

    @Test
    void flipAugmentationKeepsPointwiseResult() {
        RgbImage img = TestModels.randomImage(45, 31, 6);
        try (Predictor p = new Predictor(pointBlock, pointManifest, PredictorOptions.defaults().withFlip(true))) {
            assertThat(p.predict(img).data()).isEqualTo(TestModels.dominantChannel(img));
            assertThat(p.scratchArrays()).isZero();
        }
    }

    @Test
    void largePhotoWithBoundedMemory() {
        RgbImage img = TestModels.blockImage(4000, 3000, 50, 7);
        // large tiles with little overlap keep the network work (and the test) short
        PredictorOptions opts = PredictorOptions.defaults().withTileSize(1024).withOverlap(0.125).withTileBatch(2);
        try (Predictor p = new Predictor(pointBlock, pointManifest, opts)) {
            var bean = (com.sun.management.OperatingSystemMXBean)
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = bean.getProcessCpuTime();
            long t0 = System.nanoTime();
            LabelMask mask = p.predict(img);
            double secs = (System.nanoTime() - t0) / 1e9;
            System.out.printf("4000x3000 sliding window (tile %d): %.2f s wall, %.2f s process CPU%n", p.tileSize(),
                    secs, (bean.getProcessCpuTime() - cpu0) / 1e9);
            assertThat(mask.width()).isEqualTo(4000);
            assertThat(mask.height()).isEqualTo(3000);
            assertThat(mask.data()).isEqualTo(TestModels.dominantChannel(img));
            assertThat(p.scratchArrays()).as("no native arrays left behind").isZero();
        }
    }

    @Test
    void severalThreadsGiveIdenticalResults() throws Exception {
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            images.add(TestModels.randomImage(70 + i * 13, 50 + i * 7, 10 + i));
        }
        try (Predictor p = new Predictor(convBlock, convManifest,
                PredictorOptions.defaults().withTileSize(32).withMaxWholePixels(4000))) {
            List<byte[]> reference = new ArrayList<>();
            for (RgbImage img : images) {
                reference.add(p.predict(img).data());
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Boolean>> futures = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int start = t;
                    futures.add(pool.submit(() -> {
                        for (int k = 0; k < 6; k++) {
                            int i = (start + k) % images.size();
                            if (!java.util.Arrays.equals(p.predict(images.get(i)).data(), reference.get(i))) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (Future<Boolean> f : futures) {
                    assertThat(f.get()).isTrue();
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(p.scratchArrays()).isZero();
        }
    }

    @Test
    void resolvesDefaultsAndRejectsMisuse() {
        try (Predictor p = new Predictor(pointBlock, pointManifest, PredictorOptions.defaults())) {
            assertThat(p.tileSize()).isEqualTo(512);
            assertThat(p.maxWholePixels()).isEqualTo(1024 * 1024);
            assertThat(p.scale()).isEqualTo(1.0);
        }
        ModelManifest big = TestModels.manifest(TestModels.POINTWISE, 768, 0.5);
        try (Predictor p = new Predictor(pointBlock, big, PredictorOptions.defaults())) {
            assertThat(p.tileSize()).isEqualTo(768);
            assertThat(p.maxWholePixels()).isEqualTo(4L * 768 * 768);
            assertThat(p.scale()).isEqualTo(0.5);
        }
        // a model whose output does not match the manifest's classes
        var twoClasses = new ModelManifest(pointManifest.formatVersion(), pointManifest.model(),
                org.seg4j.data.ClassMeta.of(new String[] {"a", "b"}, new int[][] {{0, 0, 0}, {1, 1, 1}}, 255),
                pointManifest.preprocessing(), pointManifest.provenance(), java.util.Map.of());
        try (Predictor p = new Predictor(pointBlock, twoClasses, PredictorOptions.defaults())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.predict(RgbImage.blank(4, 4)))
                    .hasMessageContaining("3 classes").hasMessageContaining("2");
            assertThat(p.scratchArrays()).isZero();
        }
        Predictor closed = new Predictor(pointBlock, pointManifest, PredictorOptions.defaults());
        closed.close();
        closed.close();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> closed.predict(RgbImage.blank(4, 4)))
                .isInstanceOf(IllegalStateException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PredictorOptions.defaults().withOverlap(0.95))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void tilePlanCoversImageWithPositiveWeights() {
        TilePlan plan = new TilePlan(100, 37, 30, 1.0 / 3);
        assertThat(plan.tileWidth()).isEqualTo(30);
        float[] cover = new float[100 * 37];
        for (int t = 0; t < plan.size(); t++) {
            float[] wx = plan.weightsX(t);
            float[] wy = plan.weightsY(t);
            for (int j = 0; j < plan.tileHeight(); j++) {
                for (int i = 0; i < plan.tileWidth(); i++) {
                    assertThat(wx[i] * wy[j]).isPositive();
                    cover[(plan.y(t) + j) * 100 + plan.x(t) + i] += wx[i] * wy[j];
                }
            }
        }
        for (float c : cover) {
            assertThat(c).isGreaterThan(0.05f);
        }
        assertThat(TilePlan.window(10, true, true)).containsOnly(1f);
    }
}
