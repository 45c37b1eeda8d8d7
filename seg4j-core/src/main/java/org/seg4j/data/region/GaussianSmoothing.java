package org.seg4j.data.region;

/**
 * Separable Gaussian smoothing of one plane as {@code scipy.ndimage.gaussian_filter} computes it
 * by default: kernel truncated at 4 sigma and borders reflected about the edge ({@code d c b a | a b
 * c d}), so that Felzenszwalb segments match scikit-image's.
 */
final class GaussianSmoothing {

    private GaussianSmoothing() {}

    static float[] smooth(float[] plane, int w, int h, double sigma) {
        int radius = (int) (4.0 * sigma + 0.5);
        double[] taps = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            taps[k + radius] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += taps[k + radius];
        }
        for (int k = 0; k < taps.length; k++) {
            taps[k] /= sum;
        }
        float[] tmp = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (int k = -radius; k <= radius; k++) {
                    v += taps[k + radius] * plane[y * w + reflect(x + k, w)];
                }
                tmp[y * w + x] = (float) v;
            }
        }
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double v = 0;
                for (int k = -radius; k <= radius; k++) {
                    v += taps[k + radius] * tmp[reflect(y + k, h) * w + x];
                }
                out[y * w + x] = (float) v;
            }
        }
        return out;
    }

    /** Index {@code i} reflected into {@code 0..n-1} (the edge sample repeated). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * n;
        int m = Math.floorMod(i, period);
        return m < n ? m : period - 1 - m;
    }
}
