package org.seg4j.infer;

import java.util.ArrayList;
import java.util.List;

/**
 * Placement of equal-sized, overlapping tiles over an image and their blending weights.
 *
 * <p>Tiles are {@code tileWidth x tileHeight} (the tile size clamped to the image), placed on a grid
 * with stride {@code round(tile * (1 - overlap))}; the last tile of a row or column is moved back
 * so that it ends at the image border. Each tile's weight is a separable 2-D Hann window that is
 * flat (1) on every side that touches the image border, so weights are never zero and border
 * pixels are not down-weighted; the tiny floor {@value #MIN_WEIGHT} keeps tile edges inside the
 * image from having exactly zero weight.
 */
public final class TilePlan {

    /** Smallest blending weight. */
    public static final float MIN_WEIGHT = 1e-3f;

    private final int width;
    private final int height;
    private final int tileWidth;
    private final int tileHeight;
    private final int[] xs;
    private final int[] ys;

    /** Plans tiles of at most {@code tile x tile} over a {@code width x height} image. */
    public TilePlan(int width, int height, int tile, double overlap) {
        this.width = width;
        this.height = height;
        this.tileWidth = Math.min(tile, width);
        this.tileHeight = Math.min(tile, height);
        this.xs = positions(width, tileWidth, overlap);
        this.ys = positions(height, tileHeight, overlap);
    }

    static int[] positions(int length, int tile, double overlap) {
        if (tile >= length) {
            return new int[] {0};
        }
        int stride = Math.max(1, (int) Math.round(tile * (1 - overlap)));
        List<Integer> list = new ArrayList<>();
        for (int p = 0; p + tile < length; p += stride) {
            list.add(p);
        }
        list.add(length - tile);
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    public int tileWidth() {
        return tileWidth;
    }

    public int tileHeight() {
        return tileHeight;
    }

    /** Number of tiles. */
    public int size() {
        return xs.length * ys.length;
    }

    /** Left edge of tile {@code i} (row-major over the grid). */
    public int x(int i) {
        return xs[i % xs.length];
    }

    /** Top edge of tile {@code i}. */
    public int y(int i) {
        return ys[i / xs.length];
    }

    /** Horizontal blending weights of tile {@code i} (length {@link #tileWidth()}). */
    public float[] weightsX(int i) {
        int x = x(i);
        return window(tileWidth, x == 0, x + tileWidth >= width);
    }

    /** Vertical blending weights of tile {@code i} (length {@link #tileHeight()}). */
    public float[] weightsY(int i) {
        int y = y(i);
        return window(tileHeight, y == 0, y + tileHeight >= height);
    }

    static float[] window(int n, boolean flatStart, boolean flatEnd) {
        float[] w = new float[n];
        for (int i = 0; i < n; i++) {
            double s = Math.sin(Math.PI * (i + 0.5) / n);
            float v = (float) (s * s);
            if ((flatStart && i < n / 2) || (flatEnd && i >= n / 2)) {
                v = 1f;
            }
            w[i] = Math.max(MIN_WEIGHT, v);
        }
        return w;
    }
}
