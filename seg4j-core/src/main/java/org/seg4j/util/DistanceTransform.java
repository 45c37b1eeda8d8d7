package org.seg4j.util;

/**
 * Exact Euclidean distance transform in linear time (Felzenszwalb and Huttenlocher, "Distance
 * Transforms of Sampled Functions", 2012): a 1-D lower-envelope pass over the columns, then over
 * the rows of the result. Pixels outside the image are never features, as in
 * {@code scipy.ndimage.distance_transform_edt}, so an object touching the border is not cut there.
 * Used by the boundary metric (distance to the other map's boundary) and by the watershed split of
 * touching instances (distance to the background).
 */
public final class DistanceTransform {

    /** Stands for "no feature in reach"; large but finite so that the envelope arithmetic works. */
    public static final double FAR = 1e20;

    private DistanceTransform() {}

    /**
     * Squared distance from every pixel of a {@code width x height} grid to the nearest pixel with
     * {@code feature[i]} set (0 on those pixels); {@link #FAR} everywhere when none is set.
     *
     * @param feature row-major pixels
     */
    public static double[] squared(boolean[] feature, int width, int height) {
        if (feature.length != width * height) {
            throw new IllegalArgumentException("mask has " + feature.length + " pixels, not " + width + "x" + height);
        }
        double[] d = new double[feature.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = feature[i] ? 0 : FAR;
        }
        int n = Math.max(width, height);
        double[] f = new double[n];
        double[] out = new double[n];
        int[] v = new int[n];
        double[] z = new double[n + 1];
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                f[y] = d[y * width + x];
            }
            pass(f, height, out, v, z);
            for (int y = 0; y < height; y++) {
                d[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(d, y * width, f, 0, width);
            pass(f, width, out, v, z);
            System.arraycopy(out, 0, d, y * width, width);
        }
        return d;
    }

    /**
     * The distance of every pixel to the nearest {@code false} pixel (0 on {@code false} pixels).
     * Without any {@code false} pixel every distance is {@link Double#POSITIVE_INFINITY}.
     *
     * @param foreground row-major pixels
     */
    public static double[] euclidean(boolean[] foreground, int width, int height) {
        boolean[] background = new boolean[foreground.length];
        for (int i = 0; i < background.length; i++) {
            background[i] = !foreground[i];
        }
        double[] d = squared(background, width, height);
        for (int i = 0; i < d.length; i++) {
            d[i] = d[i] >= FAR ? Double.POSITIVE_INFINITY : Math.sqrt(d[i]);
        }
        return d;
    }

    /** Squared distance transform of a sampled function: {@code out[q] = min_p (q - p)^2 + f[p]}. */
    private static void pass(double[] f, int n, double[] out, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = Double.NEGATIVE_INFINITY;
        z[1] = Double.POSITIVE_INFINITY;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = Double.POSITIVE_INFINITY;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            double dq = q - v[k];
            out[q] = Math.min(FAR, dq * dq + f[v[k]]);
        }
    }

    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }
}
