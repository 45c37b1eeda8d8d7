package org.seg4j.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {
    @Test
    void matchesBruteForceOnRandomGrids() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int w = 1 + rnd.nextInt(17);
            int h = 1 + rnd.nextInt(13);
            boolean[] f = new boolean[w * h];
            for (int i = 0; i < f.length; i++) {
                f[i] = rnd.nextInt(9) == 0;
            }
            f[rnd.nextInt(f.length)] = true;
            double[] d = DistanceTransform.squared(f, w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    long best = Long.MAX_VALUE;
                    for (int i = 0; i < f.length; i++) {
                        if (f[i]) {
                            long dx = x - i % w;
                            long dy = y - i / w;
                            best = Math.min(best, dx * dx + dy * dy);
                        }
                    }
                    assertThat(d[y * w + x]).as("(%d, %d) in %dx%d", x, y, w, h).isEqualTo((double) best);
                }
            }
        }
    }

    @Test
    void emptyFeatureSetIsFarEverywhere() {
        double[] d = DistanceTransform.squared(new boolean[12], 4, 3);
        for (double v : d) {
            assertThat(v).isGreaterThan(1e10);
        }
    }

    @Test
    void matchesBruteForceOnARandomMask() {
        int w = 23;
        int h = 17;
        Random r = new Random(5);
        boolean[] fg = new boolean[w * h];
        for (int i = 0; i < fg.length; i++) {
            fg[i] = r.nextDouble() < 0.9;
        }
        double[] d = DistanceTransform.euclidean(fg, w, h);
        for (int i = 0; i < fg.length; i++) {
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < fg.length; j++) {
                if (!fg[j]) {
                    best = Math.min(best, Math.hypot(i % w - j % w, i / w - j / w));
                }
            }
            assertThat(d[i]).as("pixel %d", i).isEqualTo(best);
        }
    }

    @Test
    void handComputedRowAndNoBackground() {
        boolean[] row = {false, true, true, true, true, true};
        // the image border is not background: the last pixel is 5 from the only background pixel
        assertThat(DistanceTransform.euclidean(row, 6, 1)).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(DistanceTransform.euclidean(new boolean[] {true, true}, 2, 1))
                .containsOnly(Double.POSITIVE_INFINITY);
    }
}
