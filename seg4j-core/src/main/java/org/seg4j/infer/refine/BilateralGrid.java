package org.seg4j.infer.refine;

import java.util.HashMap;
import java.util.Map;

/**
 * A sparse bilateral grid over (x, y, r, g, b) that approximates Gaussian filtering in that
 * five-dimensional space (Paris and Durand, 2006; Chen et al., 2007), stored like the permutohedral
 * lattice of Adams et al. (2010) as a hash of occupied cells only. Each pixel is splatted into the
 * cell nearest to its position divided by the spatial bandwidth and its colour divided by the
 * colour bandwidth; the cells are blurred with a {@code [1 2 1] / 4} kernel along each of the five
 * axes (a cell without pixels counts as empty); each pixel reads back (slices) its cell. The
 * effective kernel is close to a Gaussian with a standard deviation of about 0.8 bandwidths per
 * axis. Cost: linear in pixels and occupied cells, independent of the bandwidths.
 */
final class BilateralGrid {

    private static final int DIMS = 5;

    private final int pixels;
    private final int cells;
    /** Cell of each pixel. */
    private final int[] cellOf;
    /** neighbour[(d * 2 + s) * cells + c]: the cell next to c along axis d (s = 0: -1, 1: +1), or -1. */
    private final int[] neighbour;
    /** Blurred count of pixels per cell, the normaliser. */
    private final float[] norm;

    /**
     * @param features {@code pixels x 5} values (x, y, r, g, b) already divided by their bandwidths
     * @param pixels number of pixels
     */
    BilateralGrid(float[] features, int pixels) {
        this.pixels = pixels;
        this.cellOf = new int[pixels];
        Map<Long, Integer> index = new HashMap<>(Math.max(16, pixels / 4));
        long[] keys = new long[pixels];
        int n = 0;
        for (int i = 0; i < pixels; i++) {
            long key = 0;
            for (int d = 0; d < DIMS; d++) {
                int q = Math.round(features[i * DIMS + d]);
                if (q < -1000 || q > 3000) {
                    throw new IllegalArgumentException("bilateral grid coordinate " + q + " out of range: bandwidth too small");
                }
                key = key * 4096 + (q + 1024);
            }
            Integer c = index.get(key);
            if (c == null) {
                c = n++;
                index.put(key, c);
                keys[c] = key;
            }
            cellOf[i] = c;
        }
        this.cells = n;
        this.neighbour = new int[DIMS * 2 * cells];
        long stride = 1;
        for (int d = DIMS - 1; d >= 0; d--) {
            for (int s = 0; s < 2; s++) {
                long delta = s == 0 ? -stride : stride;
                int base = (d * 2 + s) * cells;
                for (int c = 0; c < cells; c++) {
                    Integer other = index.get(keys[c] + delta);
                    neighbour[base + c] = other == null ? -1 : other;
                }
            }
            stride *= 4096;
        }
        float[] counts = new float[cells];
        for (int i = 0; i < pixels; i++) {
            counts[cellOf[i]] += 1;
        }
        this.norm = blur(counts, 1);
    }

    /** Number of occupied cells. */
    int cells() {
        return cells;
    }

    /**
     * Filters {@code channels} planes of {@code pixels} values ({@code src[l * pixels + i]}) and
     * writes the normalised result, excluding each pixel's own contribution, to {@code dst}.
     */
    void filter(float[] src, float[] dst, int channels) {
        float[] grid = new float[cells * channels];
        for (int l = 0; l < channels; l++) {
            int off = l * pixels;
            for (int i = 0; i < pixels; i++) {
                grid[cellOf[i] * channels + l] += src[off + i];
            }
        }
        float[] blurred = blur(grid, channels);
        float self = 1f / 32; // a pixel's weight on itself: the product of the five centre taps 1/2
        for (int i = 0; i < pixels; i++) {
            int c = cellOf[i];
            float w = norm[c] - self;
            float inv = w > 1e-6f ? 1f / w : 0f;
            for (int l = 0; l < channels; l++) {
                float v = blurred[c * channels + l] - self * src[l * pixels + i];
                dst[l * pixels + i] = Math.max(0f, v) * inv;
            }
        }
    }

    private float[] blur(float[] values, int channels) {
        float[] a = values.clone();
        float[] b = new float[a.length];
        for (int d = 0; d < DIMS; d++) {
            int minus = (d * 2) * cells;
            int plus = (d * 2 + 1) * cells;
            for (int c = 0; c < cells; c++) {
                int m = neighbour[minus + c];
                int p = neighbour[plus + c];
                for (int l = 0; l < channels; l++) {
                    float v = 0.5f * a[c * channels + l];
                    if (m >= 0) {
                        v += 0.25f * a[m * channels + l];
                    }
                    if (p >= 0) {
                        v += 0.25f * a[p * channels + l];
                    }
                    b[c * channels + l] = v;
                }
            }
            float[] t = a;
            a = b;
            b = t;
        }
        return a;
    }
}
