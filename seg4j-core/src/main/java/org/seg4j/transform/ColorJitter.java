package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

/**
 * Random photometric changes to the image only (the mask is passed through), with torchvision's
 * meaning of the settings: brightness, contrast and saturation factors are drawn from
 * {@code [max(0, 1 - v), 1 + v]}, the hue shift from {@code [-hue, hue]} of a full turn. They are
 * applied in that fixed order.
 *
 * <p>All four changes are linear in RGB (contrast blends with the image's mean grey, saturation
 * with each pixel's grey, hue rotates the chroma plane of YIQ), so they are folded into one 3x3
 * matrix plus offset and applied in a single pass.
 *
 * @param brightness brightness range, 0 or more
 * @param contrast contrast range, 0 or more
 * @param saturation saturation range, 0 or more
 * @param hue hue range as a fraction of a turn, 0-0.5
 */
public record ColorJitter(double brightness, double contrast, double saturation, double hue)
        implements JointTransform {

    private static final double[][] RGB_TO_YIQ = {
        {0.299, 0.587, 0.114}, {0.596, -0.274, -0.322}, {0.211, -0.523, 0.312}};
    private static final double[][] YIQ_TO_RGB = {{1, 0.956, 0.621}, {1, -0.272, -0.647}, {1, -1.106, 1.703}};

    public ColorJitter {
        Checks.range("ColorJitter", "brightness", brightness, 0, 10);
        Checks.range("ColorJitter", "contrast", contrast, 0, 10);
        Checks.range("ColorJitter", "saturation", saturation, 0, 10);
        Checks.range("ColorJitter", "hue", hue, 0, 0.5);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        double b = factor(brightness, rng);
        double c = factor(contrast, rng);
        double s = factor(saturation, rng);
        double h = hue * (2 * rng.nextDouble() - 1);
        RgbImage img = sample.image();
        double meanGrey = b * meanLuma(img.data());
        double[][] m = multiply(hueMatrix(h), saturationMatrix(s));
        float[] k = new float[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                k[i * 3 + j] = (float) (m[i][j] * b * c);
            }
        }
        // Saturation and hue keep greys grey, so the contrast offset passes through them unchanged.
        float offset = (float) ((1 - c) * meanGrey) + 0.5f;
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        for (int p = 0; p < src.length; p += 3) {
            float r = src[p] & 0xFF;
            float g = src[p + 1] & 0xFF;
            float bl = src[p + 2] & 0xFF;
            out[p] = clamp(k[0] * r + k[1] * g + k[2] * bl + offset);
            out[p + 1] = clamp(k[3] * r + k[4] * g + k[5] * bl + offset);
            out[p + 2] = clamp(k[6] * r + k[7] * g + k[8] * bl + offset);
        }
        return sample.with(new RgbImage(img.width(), img.height(), out), sample.mask());
    }

    private static double factor(double range, RandomGenerator rng) {
        double lo = Math.max(0, 1 - range);
        return lo + (1 + range - lo) * rng.nextDouble();
    }

    private static byte clamp(float v) {
        return (byte) (v <= 0 ? 0 : v >= 255 ? 255 : (int) v);
    }

    private static double meanLuma(byte[] d) {
        long sum = 0;
        for (int p = 0; p < d.length; p += 3) {
            sum += 299L * (d[p] & 0xFF) + 587L * (d[p + 1] & 0xFF) + 114L * (d[p + 2] & 0xFF);
        }
        return sum / 1000.0 / (d.length / 3);
    }

    private static double[][] saturationMatrix(double s) {
        double[] luma = RGB_TO_YIQ[0];
        double[][] m = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[i][j] = (1 - s) * luma[j] + (i == j ? s : 0);
            }
        }
        return m;
    }

    private static double[][] hueMatrix(double turns) {
        double a = 2 * Math.PI * turns;
        double[][] rot = {{1, 0, 0}, {0, Math.cos(a), -Math.sin(a)}, {0, Math.sin(a), Math.cos(a)}};
        return multiply(YIQ_TO_RGB, multiply(rot, RGB_TO_YIQ));
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        double[][] r = new double[3][3];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    r[i][j] += x[i][k] * y[k][j];
                }
            }
        }
        return r;
    }
}
