package org.seg4j.metric.boundary;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.util.DistanceTransform;

/**
 * Counts, per class, the boundary pixels of one map that have a boundary pixel of the same class
 * in the other map within a Euclidean distance. Two exact ways, chosen by cost: small tolerances
 * scan a precomputed disk of offsets (nearest first, stopping at the first match) around each
 * boundary pixel only; large ones run a linear-time distance transform per class on the crop around
 * that class's boundaries. Both return {@code {predicted, predictedMatched, truth, truthMatched}},
 * each indexed by class.
 */
final class BoundaryMatcher {

    /** Largest tolerance (pixels) matched by the disk scan; above it the distance transform is cheaper. */
    static final int SCAN_LIMIT = 8;

    private BoundaryMatcher() {}

    /** Matching by scanning the disk of radius {@code tol} around each boundary pixel. */
    static long[][] byDiskScan(int[] pb, int[] tb, int w, int h, int numClasses, int tol) {
        int[] disk = disk(tol);
        long[][] out = new long[4][numClasses];
        checkLabels(pb, w, numClasses);
        checkLabels(tb, w, numClasses);
        countMatches(pb, tb, w, h, disk, out[0], out[1]);
        countMatches(tb, pb, w, h, disk, out[2], out[3]);
        return out;
    }

    private static void countMatches(int[] from, int[] to, int w, int h, int[] disk, long[] total, long[] matched) {
        for (int i = 0; i < from.length; i++) {
            int c = from[i];
            if (c == BoundaryMaps.NONE) {
                continue;
            }
            total[c]++;
            int x = i % w;
            int y = i / w;
            for (int k = 0; k < disk.length; k += 2) {
                int nx = x + disk[k];
                int ny = y + disk[k + 1];
                if (nx >= 0 && ny >= 0 && nx < w && ny < h && to[ny * w + nx] == c) {
                    matched[c]++;
                    break;
                }
            }
        }
    }

    // offsets (dx, dy) with dx^2 + dy^2 <= r^2, nearest first
    private static int[] disk(int r) {
        List<int[]> offsets = new ArrayList<>();
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (dx * dx + dy * dy <= r * r) {
                    offsets.add(new int[] {dx, dy});
                }
            }
        }
        offsets.sort((a, b) -> Integer.compare(a[0] * a[0] + a[1] * a[1], b[0] * b[0] + b[1] * b[1]));
        int[] out = new int[offsets.size() * 2];
        for (int k = 0; k < offsets.size(); k++) {
            out[2 * k] = offsets.get(k)[0];
            out[2 * k + 1] = offsets.get(k)[1];
        }
        return out;
    }

    private static void checkLabels(int[] map, int w, int numClasses) {
        for (int i = 0; i < map.length; i++) {
            if (map[i] >= numClasses) {
                throw new IllegalArgumentException("label " + map[i] + " at pixel (" + i % w + ", " + i / w
                        + ") is outside 0.." + (numClasses - 1));
            }
        }
    }

    /** Matching by a distance transform of each class's boundaries, on the crop around them. */
    static long[][] byDistanceTransform(int[] pb, int[] tb, int w, int h, int numClasses, int tol) {
        checkLabels(pb, w, numClasses);
        checkLabels(tb, w, numClasses);
        // per class bounding box of both boundaries: minX, minY, maxX, maxY
        int[][] box = new int[numClasses][];
        collect(pb, w, box);
        collect(tb, w, box);
        long[][] out = new long[4][numClasses];
        for (int c = 0; c < numClasses; c++) {
            if (box[c] != null) {
                long[] n = match(pb, tb, w, h, c, box[c], tol);
                for (int k = 0; k < 4; k++) {
                    out[k][c] = n[k];
                }
            }
        }
        return out;
    }

    private static void collect(int[] map, int w, int[][] box) {
        for (int i = 0; i < map.length; i++) {
            int c = map[i];
            if (c == BoundaryMaps.NONE) {
                continue;
            }
            int x = i % w;
            int y = i / w;
            int[] b = box[c];
            if (b == null) {
                box[c] = new int[] {x, y, x, y};
            } else {
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x);
                b[3] = Math.max(b[3], y);
            }
        }
    }

    // {predicted, predictedMatched, truth, truthMatched} of class c, on the crop around its boundaries
    private static long[] match(int[] pb, int[] tb, int w, int h, int c, int[] box, int tol) {
        int x0 = Math.max(0, box[0] - tol);
        int y0 = Math.max(0, box[1] - tol);
        int x1 = Math.min(w - 1, box[2] + tol);
        int y1 = Math.min(h - 1, box[3] + tol);
        int cw = x1 - x0 + 1;
        int ch = y1 - y0 + 1;
        boolean[] p = new boolean[cw * ch];
        boolean[] t = new boolean[cw * ch];
        long np = 0;
        long nt = 0;
        for (int y = 0; y < ch; y++) {
            int src = (y + y0) * w + x0;
            int dst = y * cw;
            for (int x = 0; x < cw; x++) {
                if (pb[src + x] == c) {
                    p[dst + x] = true;
                    np++;
                }
                if (tb[src + x] == c) {
                    t[dst + x] = true;
                    nt++;
                }
            }
        }
        long mp = 0;
        long mt = 0;
        if (np > 0 && nt > 0) {
            double limit = (double) tol * tol;
            double[] toTruth = DistanceTransform.squared(t, cw, ch);
            double[] toPred = DistanceTransform.squared(p, cw, ch);
            for (int i = 0; i < p.length; i++) {
                if (p[i] && toTruth[i] <= limit) {
                    mp++;
                }
                if (t[i] && toPred[i] <= limit) {
                    mt++;
                }
            }
        }
        return new long[] {np, mp, nt, mt};
    }
}
