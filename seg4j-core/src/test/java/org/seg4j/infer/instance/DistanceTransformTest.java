package org.seg4j.infer.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DistanceTransformTest {

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
