package org.seg4j.util;

/**
 * Separable Gaussian filter of row-major float images: a normalised 1-D kernel applied along the
 * rows, then along the columns of the result. The kernel's extent (its radius) and what lies beyond
 * the image ({@link Border}) are parameters, because the libraries seg4j matches differ on both:
 * torchvision's blur mirrors without repeating the edge, {@code scipy.ndimage.gaussian_filter}
 * (and so scikit-image's Felzenszwalb) repeats it and truncates at 4 sigma.
 *
 * <p>Weights and sums are computed in double precision; the row pass is stored as float, as the
 * result is. Channels of interleaved images are filtered independently.
 */
public final class SeparableGaussian {

    /** What the filter reads beyond the image's first and last pixel of a row or column. */
    public enum Border {
        /**
         * Mirror without repeating the edge pixel: {@code c b | a b c d | c b} (OpenCV's
         * {@code BORDER_REFLECT_101}, torchvision's {@code GaussianBlur}).
         */
        REFLECT_101,
        /**
         * Mirror about the edge, repeating the edge pixel: {@code b a | a b c d | d c} (scipy.ndimage's
         * {@code mode="reflect"}, OpenCV's {@code BORDER_REFLECT}).
         */
        REFLECT;

        /** The index {@code i} of a line of {@code n} pixels ({@code n >= 1}) mapped into {@code 0..n-1}. */
        public int index(int i, int n) {
            if (n == 1) {
                return 0;
            }
            if (this == REFLECT_101) {
                int period = 2 * n - 2;
                int m = Math.floorMod(i, period);
                return m < n ? m : period - m;
            }
            int period = 2 * n;
            int m = Math.floorMod(i, period);
            return m < n ? m : period - 1 - m;
        }
    }

    private final double[] taps;
    private final int radius;
    private final Border border;

    private SeparableGaussian(double sigma, int radius, Border border) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException("Gaussian sigma must be positive and finite, got " + sigma);
        }
        if (radius < 0) {
            throw new IllegalArgumentException("Gaussian kernel radius must be >= 0, got " + radius);
        }
        if (border == null) {
            throw new IllegalArgumentException("Gaussian border rule is required");
        }
        this.radius = radius;
        this.border = border;
        this.taps = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            taps[k + radius] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += taps[k + radius];
        }
        for (int k = 0; k < taps.length; k++) {
            taps[k] /= sum;
        }
    }

    /**
     * A filter whose kernel is truncated at {@code truncate} sigmas, rounded to the nearest pixel as
     * {@code scipy.ndimage.gaussian_filter} does: radius {@code (int) (truncate * sigma + 0.5)}.
     */
    public static SeparableGaussian truncatedAt(double sigma, double truncate, Border border) {
        if (!(truncate > 0)) {
            throw new IllegalArgumentException("Gaussian truncation must be positive, got " + truncate);
        }
        return new SeparableGaussian(sigma, (int) (truncate * sigma + 0.5), border);
    }

    /** A filter with an explicit kernel radius: {@code 2 * radius + 1} taps. */
    public static SeparableGaussian withRadius(double sigma, int radius, Border border) {
        return new SeparableGaussian(sigma, radius, border);
    }

    /** Half the kernel's width, in pixels. */
    public int radius() {
        return radius;
    }

    /** The normalised 1-D weights, {@code 2 * radius + 1} of them, centre in the middle. */
    public double[] taps() {
        return taps.clone();
    }

    /** Filters one plane of {@code width x height} pixels into a new array. */
    public float[] filter(float[] plane, int width, int height) {
        return filter(plane, width, height, 1);
    }

    /**
     * Filters an image of {@code channels} interleaved values per pixel into a new array.
     *
     * @param pixels row-major, {@code (y * width + x) * channels + c}
     */
    public float[] filter(float[] pixels, int width, int height, int channels) {
        if (width < 1 || height < 1 || channels < 1 || pixels.length != width * height * channels) {
            throw new IllegalArgumentException("image has " + pixels.length + " values, not " + width + "x"
                    + height + "x" + channels);
        }
        // all channels of a pixel in one pass over the taps; each sum still runs in tap order
        double[] acc = new double[channels];
        int[] xs = indices(width);
        float[] tmp = new float[pixels.length];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                java.util.Arrays.fill(acc, 0);
                for (int k = 0; k < taps.length; k++) {
                    double t = taps[k];
                    int in = (row + xs[x + k]) * channels;
                    for (int c = 0; c < channels; c++) {
                        acc[c] += t * pixels[in + c];
                    }
                }
                int o = (row + x) * channels;
                for (int c = 0; c < channels; c++) {
                    tmp[o + c] = (float) acc[c];
                }
            }
        }
        int[] ys = indices(height);
        float[] out = new float[pixels.length];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                java.util.Arrays.fill(acc, 0);
                for (int k = 0; k < taps.length; k++) {
                    double t = taps[k];
                    int in = (ys[y + k] * width + x) * channels;
                    for (int c = 0; c < channels; c++) {
                        acc[c] += t * tmp[in + c];
                    }
                }
                int o = (y * width + x) * channels;
                for (int c = 0; c < channels; c++) {
                    out[o + c] = (float) acc[c];
                }
            }
        }
        return out;
    }

    // indices[j] = the pixel read at offset j - radius of a line of n pixels
    private int[] indices(int n) {
        int[] idx = new int[n + 2 * radius];
        for (int j = 0; j < idx.length; j++) {
            idx[j] = border.index(j - radius, n);
        }
        return idx;
    }
}
