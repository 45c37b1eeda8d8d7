package org.seg4j.infer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.transform.Normalization;

/** The inference pieces over a pure-Java forward pass (no engine): each one alone and composed. */
class InferenceStrategyTest {

    static final Normalization IDENTITY = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1});

    /**
     * 3 classes, {@code logit_c = 10 * channel_c + slope * c * x}: with slope 0 the class of a pixel
     * is its dominant channel; a slope makes the output depend on the position (flip is visible).
     */
    static final class FakePass implements ForwardPass {
        final float slope;
        final List<Integer> batchSizes = new ArrayList<>();

        FakePass(float slope) {
            this.slope = slope;
        }

        @Override
        public int numClasses() {
            return 3;
        }

        @Override
        public synchronized float[] run(float[] input, int n, int h, int w, boolean probabilities) {
            batchSizes.add(n);
            int plane = h * w;
            float[] out = new float[n * 3 * plane];
            for (int b = 0; b < n; b++) {
                for (int i = 0; i < plane; i++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int c = 0; c < 3; c++) {
                        int k = (b * 3 + c) * plane + i;
                        out[k] = 10 * input[k] + slope * c * (i % w);
                        max = Math.max(max, out[k]);
                    }
                    if (probabilities) {
                        float sum = 0;
                        for (int c = 0; c < 3; c++) {
                            int k = (b * 3 + c) * plane + i;
                            out[k] = (float) Math.exp(out[k] - max);
                            sum += out[k];
                        }
                        for (int c = 0; c < 3; c++) {
                            out[(b * 3 + c) * plane + i] /= sum;
                        }
                    }
                }
            }
            return out;
        }
    }

    @Test
    void flipAveragesThePassWithTheMirroredPassOfTheMirroredInput() {
        FakePass pass = new FakePass(0.05f);
        int w = 7;
        int h = 3;
        float[] input = IDENTITY.toChw(TestModels.randomImage(w, h, 1));
        float[] plain = pass.run(input, 1, h, w, true);
        float[] mirrored = pass.run(FlipAugmentation.flipRows(input, 3, h, w), 1, h, w, true);
        float[] flipped = new FlipAugmentation(pass).run(input, 1, h, w, false);
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int k = (c * h + y) * w;
                    assertThat(flipped[k + x]).isEqualTo((plain[k + x] + mirrored[k + w - 1 - x]) / 2f);
                }
            }
        }
        assertThat(flipped).isNotEqualTo(plain);
        assertThat(FlipAugmentation.flipRows(new float[] {1, 2, 3, 4, 5, 6}, 2, 1, 3))
                .containsExactly(3, 2, 1, 6, 5, 4);
    }

    @Test
    void slidingWindowBlendsToTheWholeImageResultForAPointwisePass() {
        FakePass pass = new FakePass(0);
        RgbImage img = TestModels.randomImage(53, 41, 2);
        WholeImageInference whole = new WholeImageInference(IDENTITY, pass);
        SlidingWindowInference sliding = new SlidingWindowInference(IDENTITY, pass, 16, 0.25, 3);
        float[] expected = whole.probabilities(img).data();
        float[] actual = sliding.probabilities(img).data();
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
        }
        assertThat(sliding.classMap(img).data()).isEqualTo(TestModels.dominantChannel(img));
        assertThat(whole.classMap(img).data()).isEqualTo(TestModels.dominantChannel(img));
        assertThat(pass.batchSizes).contains(3);
    }

    @Test
    void adaptiveChoosesByPixelCount() {
        FakePass pass = new FakePass(0);
        WholeImageInference whole = new WholeImageInference(IDENTITY, pass);
        AdaptiveInference adaptive = new AdaptiveInference(whole,
                new SlidingWindowInference(IDENTITY, pass, 8, 0.25, 1), 100);
        assertThat(adaptive.strategyFor(RgbImage.blank(10, 10))).isSameAs(whole);
        assertThat(adaptive.isTiled(RgbImage.blank(11, 10))).isTrue();
        pass.batchSizes.clear();
        adaptive.classMap(RgbImage.blank(20, 20));
        assertThat(pass.batchSizes).hasSizeGreaterThan(1);
    }

    @Test
    void scaledAndMultiScaleResultsAreAtInputResolution() {
        FakePass pass = new FakePass(0.02f);
        InferenceStrategy whole = new WholeImageInference(IDENTITY, pass);
        RgbImage img = TestModels.blockImage(45, 30, 5, 3);
        ScaledInference half = new ScaledInference(whole, 0.5);
        Probabilities p = half.probabilities(img);
        assertThat(p.width()).isEqualTo(45);
        assertThat(p.height()).isEqualTo(30);
        assertThat(half.classMap(img).data()).isEqualTo(p.argmax().data());

        MultiScaleAugmentation multi = new MultiScaleAugmentation(whole, List.of(1.0, 0.5));
        float[] one = new ScaledInference(whole, 1.0).probabilities(img).data();
        float[] avg = multi.probabilities(img).data();
        for (int i = 0; i < avg.length; i++) {
            assertThat(avg[i]).isEqualTo((one[i] + p.data()[i]) * 0.5f);
        }
    }

    @Test
    void batchGroupsImagesOfOneSizeAndEqualsOneByOne() {
        FakePass pass = new FakePass(0.01f);
        WholeImageInference whole = new WholeImageInference(IDENTITY, pass);
        AdaptiveInference adaptive = new AdaptiveInference(whole,
                new SlidingWindowInference(IDENTITY, pass, 16, 0.25, 2), 900);
        InferenceStrategy single = new ScaledInference(adaptive, 1.0);
        BatchInference batches = new BatchInference(single, whole, adaptive, 1.0, true);
        List<RgbImage> images = List.of(TestModels.randomImage(20, 10, 4), TestModels.randomImage(40, 30, 5),
                TestModels.randomImage(20, 10, 6), TestModels.randomImage(20, 10, 7));
        pass.batchSizes.clear();
        List<LabelMask> masks = batches.classMaps(images);
        assertThat(pass.batchSizes).contains(3);
        List<Probabilities> probs = batches.probabilities(images);
        for (int i = 0; i < images.size(); i++) {
            assertThat(masks.get(i).data()).isEqualTo(single.classMap(images.get(i)).data());
            assertThat(probs.get(i).data()).containsExactly(single.probabilities(images.get(i)).data());
        }
    }
}
