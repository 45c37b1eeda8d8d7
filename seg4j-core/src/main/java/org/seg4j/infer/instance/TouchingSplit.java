package org.seg4j.infer.instance;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import org.seg4j.util.ComponentLabels;
import org.seg4j.util.DistanceTransform;

/**
 * Splits one connected region into touching objects: Euclidean distance transform of the region
 * ({@link DistanceTransform}), markers at the peaks of the distance, and a marker-controlled
 * watershed on the negative distance restricted to the region.
 *
 * <p>Peaks: a pixel is a candidate when its distance is at least {@code peakThreshold} and no pixel
 * of the region within {@code minDistance} (Chebyshev) has a larger distance. Candidates are taken
 * from the highest down; one within {@code minDistance} of an accepted peak is dropped (as
 * {@code skimage.feature.peak_local_max}). Accepted peaks that touch (8-connected, e.g. the pixels
 * of a plateau) form one marker. Flooding (Meyer's algorithm) grows the markers through the
 * 4-neighbours in order of decreasing distance, earlier-queued pixels first on ties, until every
 * pixel of the region has a marker; no watershed lines are left.
 */
final class TouchingSplit {

    private final int minDistance;
    private final double peakThreshold;

    /**
     * @param minDistance the least distance in pixels between two markers' peaks, &gt;= 1
     * @param peakThreshold the least distance to the region's edge of a peak, in pixels
     */
    TouchingSplit(int minDistance, double peakThreshold) {
        this.minDistance = minDistance;
        this.peakThreshold = peakThreshold;
    }

    /**
     * Splits a region.
     *
     * @param region row-major pixels of one 4-connected region in a {@code width x height} window;
     *     pixels beyond the window are not background (so the window must hold a background margin
     *     wherever it does not end at the image border)
     * @return a label per pixel: 0 outside the region, 1..n for the parts (n = 1 when nothing splits)
     */
    int[] split(boolean[] region, int width, int height) {
        double[] dist = DistanceTransform.euclidean(region, width, height);
        int[] labels = markers(region, dist, width, height);
        flood(region, dist, labels, width, height);
        return labels;
    }

    private int[] markers(boolean[] region, double[] dist, int width, int height) {
        List<Integer> candidates = new ArrayList<>();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                if (region[i] && dist[i] >= peakThreshold && isWindowMax(region, dist, width, height, x, y)) {
                    candidates.add(i);
                }
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer i) -> -dist[i]).thenComparingInt(i -> i));
        boolean[] peak = new boolean[region.length];
        List<Integer> accepted = new ArrayList<>();
        for (int c : candidates) {
            int cx = c % width;
            int cy = c / width;
            boolean near = false;
            for (int a : accepted) {
                if (Math.max(Math.abs(a % width - cx), Math.abs(a / width - cy)) <= minDistance
                        && !touches(peak, width, height, cx, cy)) {
                    near = true;
                    break;
                }
            }
            if (!near) {
                accepted.add(c);
                peak[c] = true;
            }
        }
        int[] seeds = accepted.stream().mapToInt(Integer::intValue).toArray();
        int[] labels = ComponentLabels.label(peak, width, height, ComponentLabels.Connectivity.EIGHT, seeds);
        if (accepted.isEmpty()) {
            // no peak high enough: the region stays whole
            for (int i = 0; i < region.length; i++) {
                labels[i] = region[i] ? 1 : 0;
            }
        }
        return labels;
    }

    /** Whether an accepted peak is an 8-neighbour of (x, y): then it joins that plateau's marker. */
    private static boolean touches(boolean[] peak, int width, int height, int x, int y) {
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int nx = x + dx;
                int ny = y + dy;
                if (nx >= 0 && ny >= 0 && nx < width && ny < height && peak[ny * width + nx]) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean isWindowMax(boolean[] region, double[] dist, int width, int height, int x, int y) {
        double v = dist[y * width + x];
        for (int ny = Math.max(0, y - minDistance); ny <= Math.min(height - 1, y + minDistance); ny++) {
            for (int nx = Math.max(0, x - minDistance); nx <= Math.min(width - 1, x + minDistance); nx++) {
                int q = ny * width + nx;
                if (region[q] && dist[q] > v) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void flood(boolean[] region, double[] dist, int[] labels, int width, int height) {
        // entries: {pixel, age}; higher distance first (the watershed of -distance), then older first
        PriorityQueue<long[]> queue = new PriorityQueue<>((a, b) -> {
            int c = Double.compare(dist[(int) b[0]], dist[(int) a[0]]);
            return c != 0 ? c : Long.compare(a[1], b[1]);
        });
        boolean[] queued = new boolean[region.length];
        long age = 0;
        for (int i = 0; i < region.length; i++) {
            if (labels[i] != 0) {
                queued[i] = true;
                queue.add(new long[] {i, age++});
            }
        }
        int[] nb = new int[4];
        while (!queue.isEmpty()) {
            int p = (int) queue.poll()[0];
            int x = p % width;
            int y = p / width;
            int n = 0;
            if (x > 0) {
                nb[n++] = p - 1;
            }
            if (x < width - 1) {
                nb[n++] = p + 1;
            }
            if (y > 0) {
                nb[n++] = p - width;
            }
            if (y < height - 1) {
                nb[n++] = p + width;
            }
            for (int k = 0; k < n; k++) {
                int q = nb[k];
                if (region[q] && !queued[q]) {
                    queued[q] = true;
                    labels[q] = labels[p];
                    queue.add(new long[] {q, age++});
                }
            }
        }
    }
}
