package org.seg4j.data.polygon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.seg4j.data.LabelMask;

/** Generated masks with the hard cases of polygon tracing: holes, regions inside holes, border contact, noise. */
public final class TestMasks {

    private TestMasks() {}

    /** {@link #scene(long, int)} at scale 1: 200x150. */
    public static LabelMask scene(long seed) {
        return scene(seed, 1);
    }

    /**
     * A {@code 200 s x 150 s} mask of 4 classes: class 1 an ellipse with a hole holding a class 2 disk
     * (radius {@code 11 s}) and a class 0 pocket, class 3 a band along the right border, class 2 a bumpy
     * blob and a few single pixels.
     */
    public static LabelMask scene(long seed, int s) {
        Random rnd = new Random(seed);
        int w = 200 * s;
        int h = 150 * s;
        LabelMask m = LabelMask.filled(w, h, 0);
        double cx = (80 + rnd.nextInt(10)) * s;
        double cy = (70 + rnd.nextInt(10)) * s;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double ex = (x + 0.5 - cx) / (60.0 * s);
                double ey = (y + 0.5 - cy) / (45.0 * s);
                double r = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
                if (ex * ex + ey * ey < 1) {
                    m.set(x, y, 1);
                }
                if (r < 22 * s) {
                    m.set(x, y, 0);
                }
                if (Math.hypot(x + 0.5 - cx - 6 * s, y + 0.5 - cy) < 11 * s) {
                    m.set(x, y, 2);
                }
                if (x > w - (25 - 8 * Math.sin(y / (9.0 * s))) * s) {
                    m.set(x, y, 3);
                }
                double bx = x + 0.5 - 40 * s;
                double by = y + 0.5 - 125 * s;
                if (Math.hypot(bx, by) < (14 + 3 * Math.sin(Math.atan2(by, bx) * 5)) * s) {
                    m.set(x, y, 2);
                }
            }
        }
        for (int i = 0; i < 5; i++) {
            m.set(rnd.nextInt(w), rnd.nextInt(h), 1 + rnd.nextInt(3));
        }
        return m;
    }

    /**
     * Asserts IoU per class above {@code minIou} and every disagreeing pixel within 2 px of a class
     * edge of the original or of the image border.
     */
    public static void assertClose(LabelMask m, LabelMask back, double minIou) {
        int w = m.width();
        int h = m.height();
        long[] inter = new long[256];
        long[] union = new long[256];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = m.get(x, y);
                int b = back.get(x, y);
                if (a == b) {
                    inter[a]++;
                    union[a]++;
                } else {
                    union[a]++;
                    union[b]++;
                    assertThat(nearEdge(m, x, y, 2)).as("pixel (%d, %d): %d became %d", x, y, a, b).isTrue();
                }
            }
        }
        for (int c = 0; c < 4; c++) {
            assertThat((double) inter[c] / union[c]).as("IoU of class %d", c).isGreaterThan(minIou);
        }
    }

    private static boolean nearEdge(LabelMask m, int x, int y, int r) {
        int c = m.get(x, y);
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                // the image border is an outline too, simplified like any other
                if (nx < 0 || ny < 0 || nx >= m.width() || ny >= m.height() || m.get(nx, ny) != c) {
                    return true;
                }
            }
        }
        return false;
    }
}
