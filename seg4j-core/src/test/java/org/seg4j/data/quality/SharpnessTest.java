package org.seg4j.data.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seg4j.data.RgbImage;

class SharpnessTest {

    /** A random checkerboard, and the same blurred by a 5x5 box filter. */
    static RgbImage texture(int w, int h, int blurRadius, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int[] v = new int[w * h];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextInt(2) * 200 + 20;
        }
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sum = 0;
                int n = 0;
                for (int dy = -blurRadius; dy <= blurRadius; dy++) {
                    for (int dx = -blurRadius; dx <= blurRadius; dx++) {
                        int xx = Math.min(w - 1, Math.max(0, x + dx));
                        int yy = Math.min(h - 1, Math.max(0, y + dy));
                        sum += v[yy * w + xx];
                        n++;
                    }
                }
                int g = sum / n;
                img.setRgb(x, y, g << 16 | g << 8 | g);
            }
        }
        return img;
    }

    @Test
    void blurLowersBothScores() {
        Sharpness sharp = Sharpness.of(texture(40, 30, 0, 1));
        Sharpness blurred = Sharpness.of(texture(40, 30, 2, 1));
        assertThat(blurred.laplacianVariance()).isLessThan(sharp.laplacianVariance() / 10);
        assertThat(blurred.tenengrad()).isLessThan(sharp.tenengrad() / 3);
    }

    @Test
    void aFlatImageScoresZeroAndTheLaplacianOfARampIsZero() {
        RgbImage flat = RgbImage.blank(10, 10);
        assertThat(Sharpness.of(flat)).isEqualTo(new Sharpness(0, 0));
        RgbImage ramp = RgbImage.blank(10, 10);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                ramp.setRgb(x, y, (x * 10) << 16 | (x * 10) << 8 | (x * 10));
            }
        }
        Sharpness s = Sharpness.of(ramp);
        assertThat(s.laplacianVariance()).isCloseTo(0, within(1e-6));
        // Sobel gx of a ramp rising 10 per column: 4 * 2 * 10 = 80 (up to the luminance rounding)
        assertThat(Math.sqrt(s.tenengrad())).isCloseTo(80, within(0.5));
    }

    @Test
    void theDataDrivenThresholdFlagsOnlyTheOutliers() {
        List<SharpnessScores.Score> scores = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            scores.add(new SharpnessScores.Score("s" + i, java.nio.file.Path.of("s" + i + ".png"),
                    Sharpness.of(texture(32, 24, 0, i))));
        }
        scores.add(new SharpnessScores.Score("blurry", java.nio.file.Path.of("b.png"),
                Sharpness.of(texture(32, 24, 3, 99))));
        SharpnessScores all = new SharpnessScores(scores);
        double t = all.suggestedThreshold();
        assertThat(all.below(t)).extracting(SharpnessScores.Score::id).containsExactly("blurry");
        assertThat(all.blurriestFirst().get(0).id()).isEqualTo("blurry");
        assertThat(SharpnessScores.quantile(new double[] {1, 2, 3, 4, 5}, 0.25)).isEqualTo(2.0);
    }
}
