package org.seg4j.metric.boundary;

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
}
