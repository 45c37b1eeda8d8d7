package org.seg4j.infer.refine;

import org.seg4j.Seg4jException;

/**
 * Settings of the fully connected CRF of {@link CrfRefiner} (Krähenbühl and Koltun, 2011). The
 * pairwise energy between pixels {@code i} and {@code j} with different labels is
 *
 * <pre>
 *   w1 exp(-|p_i - p_j|² / 2 thetaAlpha² - |I_i - I_j|² / 2 thetaBeta²)   (appearance)
 * + w2 exp(-|p_i - p_j|² / 2 thetaGamma²)                                 (smoothness)
 * </pre>
 *
 * with positions {@code p} in input pixels and colours {@code I} in 0-255 levels. The kernels are
 * normalised (each pixel's messages are weighted averages of its neighbours' marginals), so the
 * weights are in log-probability units: {@code w1 = 4} lets a region of agreeing, similarly
 * coloured neighbours overrule a unary that prefers another class by up to 4 nats.
 *
 * @param iterations mean-field iterations (default 5)
 * @param w1 weight of the appearance kernel (default 4)
 * @param thetaAlpha spatial bandwidth of the appearance kernel in pixels (default 60)
 * @param thetaBeta colour bandwidth of the appearance kernel in 0-255 levels (default 10)
 * @param w2 weight of the smoothness kernel (default 3)
 * @param thetaGamma spatial bandwidth of the smoothness kernel in pixels (default 3)
 * @param downsample factor by which the CRF's working grid is smaller than the image; 0 =
 *     automatic: the smallest factor that brings the grid to at most {@value #AUTO_GRID_PIXELS}
 *     pixels (2 for 360x480)
 */
public record CrfParams(
        int iterations, double w1, double thetaAlpha, double thetaBeta, double w2, double thetaGamma, int downsample) {

    /** Largest working grid (pixels) chosen by the automatic downsampling factor. */
    public static final int AUTO_GRID_PIXELS = 65_536;

    public CrfParams {
        if (iterations < 0 || iterations > 100) {
            throw new Seg4jException("crf iterations must be 0..100, got " + iterations);
        }
        if (!(w1 >= 0) || !(w2 >= 0) || Double.isInfinite(w1) || Double.isInfinite(w2)) {
            throw new Seg4jException("crf kernel weights must be finite and non-negative, got " + w1 + ", " + w2);
        }
        if (!(thetaAlpha > 0) || !(thetaBeta > 0) || !(thetaGamma > 0)) {
            throw new Seg4jException("crf bandwidths must be positive, got " + thetaAlpha + ", " + thetaBeta + ", "
                    + thetaGamma);
        }
        if (downsample < 0 || downsample > 64) {
            throw new Seg4jException("crf downsample factor must be 0 (automatic) .. 64, got " + downsample);
        }
    }

    /** The defaults: 5 iterations, w1 4, thetaAlpha 60, thetaBeta 10, w2 3, thetaGamma 3, automatic grid. */
    public static CrfParams defaults() {
        return new CrfParams(5, 4, 60, 10, 3, 3, 0);
    }

    public CrfParams withIterations(int value) {
        return new CrfParams(value, w1, thetaAlpha, thetaBeta, w2, thetaGamma, downsample);
    }

    public CrfParams withAppearance(double weight, double spatial, double colour) {
        return new CrfParams(iterations, weight, spatial, colour, w2, thetaGamma, downsample);
    }

    public CrfParams withSmoothness(double weight, double spatial) {
        return new CrfParams(iterations, w1, thetaAlpha, thetaBeta, weight, spatial, downsample);
    }

    public CrfParams withDownsample(int value) {
        return new CrfParams(iterations, w1, thetaAlpha, thetaBeta, w2, thetaGamma, value);
    }

    /** The working-grid factor for an image of {@code width x height}. */
    public int factorFor(int width, int height) {
        if (downsample > 0) {
            return downsample;
        }
        int f = 1;
        while ((long) ceilDiv(width, f) * ceilDiv(height, f) > AUTO_GRID_PIXELS) {
            f++;
        }
        return f;
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
