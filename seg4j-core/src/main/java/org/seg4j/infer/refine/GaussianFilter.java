package org.seg4j.infer.refine;

/**
 * Separable Gaussian filtering of planes on a {@code width x height} grid with a kernel truncated
 * at {@code 2.5 sigma}. Zeros are assumed outside the grid; callers normalise by the filtered
 * constant 1 ({@link #weights()}), which makes the border behave like a renormalised kernel.
 */
final class GaussianFilter {

    private final int width;
    private final int height;
    private final float[] taps;
    private final int radius;
    private final float[] tmp;
    private final float[] weights;

    GaussianFilter(int width, int height, double sigma) {
        this.width = width;
        this.height = height;
        this.radius = Math.max(1, (int) Math.ceil(2.5 * sigma));
        this.taps = new float[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            double v = Math.exp(-k * k / (2 * sigma * sigma));
            taps[k + radius] = (float) v;
            sum += v;
        }
        for (int k = 0; k < taps.length; k++) {
            taps[k] /= (float) sum;
        }
        this.tmp = new float[width * height];
        float[] ones = new float[width * height];
        java.util.Arrays.fill(ones, 1f);
        this.weights = new float[width * height];
        filter(ones, 0, weights, 0);
    }

    /** Weight of a pixel on itself (the product of the two centre taps). */
    float selfWeight() {
        return taps[radius] * taps[radius];
    }

    /** The filtered constant 1: the kernel mass inside the grid at each pixel. */
    float[] weights() {
        return weights;
    }

    /** Filters the plane at {@code src[srcOff ..]} into {@code dst[dstOff ..]}. */
    void filter(float[] src, int srcOff, float[] dst, int dstOff) {
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int lo = Math.max(-radius, -x);
                int hi = Math.min(radius, width - 1 - x);
                float s = 0;
                int base = srcOff + row + x;
                for (int k = lo; k <= hi; k++) {
                    s += taps[k + radius] * src[base + k];
                }
                tmp[row + x] = s;
            }
        }
        for (int y = 0; y < height; y++) {
            int lo = Math.max(-radius, -y);
            int hi = Math.min(radius, height - 1 - y);
            int out = dstOff + y * width;
            for (int x = 0; x < width; x++) {
                dst[out + x] = 0;
            }
            for (int k = lo; k <= hi; k++) {
                float t = taps[k + radius];
                int in = (y + k) * width;
                for (int x = 0; x < width; x++) {
                    dst[out + x] += t * tmp[in + x];
                }
            }
        }
    }
}
