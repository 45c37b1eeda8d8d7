package org.seg4j.metric.boundary;

/**
 * Exact squared Euclidean distance transform in linear time (Felzenszwalb and Huttenlocher, "Distance
 * Transforms of Sampled Functions", 2012): one pass of the lower envelope of parabolas down every
 * column, then along every row.
 */
final class DistanceTransform {

    private static final double INF = 1e20;

    private DistanceTransform() {}

    /**
     * Squared distance from every pixel of a {@code width x height} grid to the nearest pixel with
     * {@code feature[i]} set; {@code INF}-like (1e20) everywhere when no pixel is set.
     */
    static double[] squared(boolean[] feature, int width, int height) {
        double[] d = new double[width * height];
        for (int i = 0; i < d.length; i++) {
            d[i] = feature[i] ? 0 : INF;
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
            envelope(f, height, out, v, z);
            for (int y = 0; y < height; y++) {
                d[y * width + x] = out[y];
            }
        }
        for (int y = 0; y < height; y++) {
            System.arraycopy(d, y * width, f, 0, width);
            envelope(f, width, out, v, z);
            System.arraycopy(out, 0, d, y * width, width);
        }
        return d;
    }

    // 1-D transform: out[q] = min_p (q - p)^2 + f[p]
    private static void envelope(double[] f, int n, double[] out, int[] v, double[] z) {
        int k = 0;
        v[0] = 0;
        z[0] = -INF;
        z[1] = INF;
        for (int q = 1; q < n; q++) {
            double s = intersection(f, q, v[k]);
            while (s <= z[k]) {
                k--;
                s = intersection(f, q, v[k]);
            }
            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = INF;
        }
        k = 0;
        for (int q = 0; q < n; q++) {
            while (z[k + 1] < q) {
                k++;
            }
            int p = v[k];
            out[q] = (double) (q - p) * (q - p) + f[p];
        }
    }

    private static double intersection(double[] f, int q, int p) {
        return ((f[q] + (double) q * q) - (f[p] + (double) p * p)) / (2.0 * q - 2.0 * p);
    }
}
