package org.seg4j.infer.refine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Probabilities;

class CrfRefinerTest {

    /** Class 1 inside a disc, class 0 around it; each with its own colour plus noise. */
    private static int[] truth(int w, int h) {
        int[] label = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double dx = x - w * 0.45;
                double dy = y - h * 0.5;
                label[y * w + x] = dx * dx + dy * dy < (h * 0.3) * (h * 0.3) ? 1 : 0;
            }
        }
        return label;
    }

    private static RgbImage image(int[] label, int w, int h, Random rnd) {
        int[][] colour = {{60, 140, 60}, {200, 60, 50}};
        byte[] data = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            for (int c = 0; c < 3; c++) {
                int v = colour[label[i] % 2][c] + (int) Math.round(8 * rnd.nextGaussian());
                data[i * 3 + c] = (byte) Math.max(0, Math.min(255, v));
            }
        }
        return new RgbImage(w, h, data);
    }

    /** Probabilities that favour the true class only weakly, with per-pixel noise: argmax is often wrong. */
    private static Probabilities noisy(int[] label, int classes, int w, int h, Random rnd) {
        int n = w * h;
        float[] p = new float[classes * n];
        for (int i = 0; i < n; i++) {
            float sum = 0;
            for (int l = 0; l < classes; l++) {
                float logit = (l == label[i] ? 0.5f : 0f) + (float) rnd.nextGaussian();
                float e = (float) Math.exp(logit);
                p[l * n + i] = e;
                sum += e;
            }
            for (int l = 0; l < classes; l++) {
                p[l * n + i] /= sum;
            }
        }
        return new Probabilities(classes, w, h, p);
    }

    private static double accuracy(LabelMask mask, int[] label) {
        int ok = 0;
        for (int i = 0; i < label.length; i++) {
            if ((mask.data()[i] & 0xFF) == label[i]) {
                ok++;
            }
        }
        return ok / (double) label.length;
    }

    @Test
    void crfRaisesPixelAccuracyOverTheArgmaxOfTheUnaries() {
        int w = 160;
        int h = 120;
        Random rnd = new Random(1);
        int[] label = truth(w, h);
        RgbImage img = image(label, w, h, rnd);
        Probabilities probs = noisy(label, 2, w, h, rnd);
        double before = accuracy(probs.argmax(), label);
        Probabilities refined = new CrfRefiner(CrfParams.defaults()).refine(img, probs);
        double after = accuracy(refined.argmax(), label);
        assertThat(before).isBetween(0.55, 0.75);
        assertThat(after).as("accuracy %.3f -> %.3f", before, after).isGreaterThan(0.95);
        // each kernel alone helps too; zero iterations leave the unaries unchanged
        double appearanceOnly = accuracy(new CrfRefiner(CrfParams.defaults().withSmoothness(0, 3)).refine(img, probs)
                .argmax(), label);
        double smoothOnly = accuracy(new CrfRefiner(CrfParams.defaults().withAppearance(0, 60, 10)).refine(img, probs)
                .argmax(), label);
        assertThat(appearanceOnly).isGreaterThan(before + 0.1);
        assertThat(smoothOnly).isGreaterThan(before + 0.1);
        Probabilities none = new CrfRefiner(CrfParams.defaults().withIterations(0).withDownsample(1)).refine(img, probs);
        assertThat(accuracy(none.argmax(), label)).isEqualTo(before);
    }

    @Test
    void appearanceKernelKeepsColourEdgesThatSmoothingAloneBlurs() {
        // a wide smoothness kernel alone rounds off and shifts the disc's border; the colour kernel
        // knows where the border is
        int w = 160;
        int h = 120;
        Random rnd = new Random(2);
        int[] label = truth(w, h);
        RgbImage img = image(label, w, h, rnd);
        Probabilities probs = noisy(label, 2, w, h, rnd);
        CrfParams strongSmooth = CrfParams.defaults().withAppearance(0, 60, 10).withSmoothness(3, 12);
        CrfParams withColour = CrfParams.defaults().withSmoothness(3, 12).withAppearance(6, 60, 10);
        double smoothOnly = accuracy(new CrfRefiner(strongSmooth).refine(img, probs).argmax(), label);
        double both = accuracy(new CrfRefiner(withColour).refine(img, probs).argmax(), label);
        assertThat(both).as("smooth %.3f, with colour %.3f", smoothOnly, both).isGreaterThan(smoothOnly);
    }

    @Test
    void marginalsAreAValidDistributionPerPixel() {
        int w = 61;
        int h = 47;
        Random rnd = new Random(3);
        int[] label = truth(w, h);
        Probabilities probs = noisy(label, 5, w, h, rnd);
        for (int factor : new int[] {1, 3}) {
            Probabilities q = new CrfRefiner(CrfParams.defaults().withDownsample(factor))
                    .refine(image(label, w, h, rnd), probs);
            assertThat(q.width()).isEqualTo(w);
            assertThat(q.height()).isEqualTo(h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double sum = 0;
                    for (int c = 0; c < 5; c++) {
                        float v = q.get(c, x, y);
                        assertThat(v).isBetween(0f, 1f);
                        sum += v;
                    }
                    assertThat(sum).isCloseTo(1.0, within(1e-4));
                }
            }
        }
    }

    @Test
    void refines360x480With11ClassesQuickly() {
        int w = 480;
        int h = 360;
        Random rnd = new Random(4);
        int[] label = truth(w, h);
        RgbImage img = image(label, w, h, rnd);
        Probabilities probs = noisy(label, 11, w, h, rnd);
        CrfRefiner crf = new CrfRefiner(CrfParams.defaults());
        long t0 = System.nanoTime();
        Probabilities first = crf.refine(img, probs); // includes JIT warm-up
        double firstMs = (System.nanoTime() - t0) / 1e6;
        t0 = System.nanoTime();
        crf.refine(img, probs);
        double secondMs = (System.nanoTime() - t0) / 1e6;
        System.out.printf("crf 360x480x11: first %.0f ms, second %.0f ms%n", firstMs, secondMs);
        assertThat(first.numClasses()).isEqualTo(11);
        assertThat(secondMs).as("ms per 360x480x11 refinement").isLessThan(1500);
        assertThat(accuracy(first.argmax(), label)).isGreaterThan(accuracy(probs.argmax(), label));
    }

    @Test
    void mismatchedSizesAndBadParamsAreUserErrors() {
        Probabilities probs = new Probabilities(2, 4, 4, new float[32]);
        assertThatThrownBy(() -> new CrfRefiner(CrfParams.defaults()).refine(RgbImage.blank(5, 4), probs))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("5x4");
        assertThatThrownBy(() -> CrfParams.defaults().withAppearance(4, 0, 10))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("bandwidth");
        assertThatThrownBy(() -> CrfParams.defaults().withIterations(-1))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("iterations");
        assertThat(CrfParams.defaults().factorFor(480, 360)).isEqualTo(2);
        assertThat(CrfParams.defaults().factorFor(200, 100)).isEqualTo(1);
    }
}
