package org.seg4j.metric.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BoundaryMatcherTest {

    @Test
    void diskScanAndDistanceTransformAgree() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 10; trial++) {
            int w = 30 + rnd.nextInt(20);
            int h = 20 + rnd.nextInt(20);
            byte[] truth = blobs(rnd, w, h);
            byte[] pred = blobs(rnd, w, h);
            truth[rnd.nextInt(truth.length)] = (byte) 255; // a void pixel
            int[] pb = BoundaryMaps.of(pred, truth, w, h);
            int[] tb = BoundaryMaps.of(truth, truth, w, h);
            for (int tol = 1; tol <= 6; tol++) {
                assertThat(BoundaryMatcher.byDiskScan(pb, tb, w, h, 4, tol))
                        .as("tolerance %d", tol)
                        .isDeepEqualTo(BoundaryMatcher.byDistanceTransform(pb, tb, w, h, 4, tol));
            }
        }
    }

    // a few random rectangles of classes 1..3 on class 0
    private static byte[] blobs(Random rnd, int w, int h) {
        byte[] d = new byte[w * h];
        for (int k = 0; k < 6; k++) {
            int x0 = rnd.nextInt(w);
            int y0 = rnd.nextInt(h);
            int x1 = Math.min(w, x0 + 2 + rnd.nextInt(12));
            int y1 = Math.min(h, y0 + 2 + rnd.nextInt(12));
            byte c = (byte) (1 + rnd.nextInt(3));
            for (int y = y0; y < y1; y++) {
                for (int x = x0; x < x1; x++) {
                    d[y * w + x] = c;
                }
            }
        }
        return d;
    }
}
