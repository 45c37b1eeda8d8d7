package org.seg4j.data.region;

import java.util.Arrays;

/**
 * A partition of a {@code width x height} image into {@link #count()} segments: each pixel's
 * segment id, row-major, ids {@code 0..count-1} numbered in the order of each segment's first pixel
 * in raster order (so two equal partitions have equal label arrays).
 *
 * @param width image width
 * @param height image height
 * @param labels {@code width * height} segment ids
 * @param count number of segments
 */
public record Segments(int width, int height, int[] labels, int count) {

    public Segments {
        if (labels.length != width * height) {
            throw new IllegalArgumentException("segment labels have " + labels.length + " entries, expected "
                    + width * height);
        }
    }

    /**
     * Renumbers arbitrary per-pixel keys (e.g. union-find roots) into raster-order segment ids.
     *
     * @param keys one key per pixel, each in {@code 0..keys.length-1}
     */
    public static Segments relabel(int width, int height, int[] keys) {
        int[] ids = new int[keys.length];
        Arrays.fill(ids, -1);
        int[] labels = new int[keys.length];
        int next = 0;
        for (int p = 0; p < keys.length; p++) {
            int k = keys[p];
            if (ids[k] < 0) {
                ids[k] = next++;
            }
            labels[p] = ids[k];
        }
        return new Segments(width, height, labels, next);
    }

    /** Segment id of pixel (x, y). */
    public int get(int x, int y) {
        return labels[y * width + x];
    }

    /** Pixels in each segment. */
    public int[] sizes() {
        int[] sizes = new int[count];
        for (int l : labels) {
            sizes[l]++;
        }
        return sizes;
    }
}
