package org.seg4j.data.region;

import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;

/**
 * The colour spaces of selective search (Uijlings et al. 2013, table 1), each mapped to three
 * 0-255 channels so that the graph segmentation and the colour histograms work on it unchanged.
 * {@link #INTENSITY} and {@link #HUE} repeat their single channel three times.
 */
public enum ColourSpace {
    /** Plain RGB. */
    RGB,
    /** Hue, saturation, value (OpenCV's 8-bit scaling: hue 0-255 over the full circle). */
    HSV,
    /** CIE L*a*b* (D65), L scaled 0-100 to 0-255, a and b offset by 128. */
    LAB,
    /** Normalised r and g plus intensity: {@code r/(r+g+b)}, {@code g/(r+g+b)}, {@code (r+g+b)/3}. */
    RGI,
    /** Intensity only. */
    INTENSITY,
    /** Hue only. */
    HUE;

    /** Parses a name such as {@code hsv} or {@code lab}; the error lists the valid names. */
    public static ColourSpace parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Seg4jException("unknown colour space '" + name + "'; valid: rgb, hsv, lab, rgi, intensity, hue");
        }
    }

    /** {@code image} in this colour space, as a three-channel 8-bit image. */
    public RgbImage convert(RgbImage image) {
        if (this == RGB) {
            return image;
        }
        byte[] in = image.data();
        byte[] out = new byte[in.length];
        for (int i = 0; i < in.length; i += 3) {
            int r = in[i] & 0xFF;
            int g = in[i + 1] & 0xFF;
            int b = in[i + 2] & 0xFF;
            int[] v = switch (this) {
                case HSV -> hsv(r, g, b);
                case LAB -> lab(r, g, b);
                case RGI -> rgi(r, g, b);
                case INTENSITY -> grey((r + g + b) / 3);
                case HUE -> grey(hsv(r, g, b)[0]);
                default -> throw new IllegalStateException();
            };
            out[i] = (byte) v[0];
            out[i + 1] = (byte) v[1];
            out[i + 2] = (byte) v[2];
        }
        return new RgbImage(image.width(), image.height(), out);
    }

    private static int[] grey(int v) {
        return new int[] {v, v, v};
    }

    static int[] hsv(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b));
        int min = Math.min(r, Math.min(g, b));
        int d = max - min;
        double h;
        if (d == 0) {
            h = 0;
        } else if (max == r) {
            h = ((g - b) / (double) d + 6) % 6;
        } else if (max == g) {
            h = (b - r) / (double) d + 2;
        } else {
            h = (r - g) / (double) d + 4;
        }
        int s = max == 0 ? 0 : (int) Math.round(255.0 * d / max);
        return new int[] {clamp((int) Math.round(h / 6 * 255)), s, max};
    }

    static int[] lab(int r, int g, int b) {
        double rl = linear(r);
        double gl = linear(g);
        double bl = linear(b);
        double x = (0.4124564 * rl + 0.3575761 * gl + 0.1804375 * bl) / 0.95047;
        double y = 0.2126729 * rl + 0.7151522 * gl + 0.0721750 * bl;
        double z = (0.0193339 * rl + 0.1191920 * gl + 0.9503041 * bl) / 1.08883;
        double fx = f(x);
        double fy = f(y);
        double fz = f(z);
        double l = 116 * fy - 16;
        double a = 500 * (fx - fy);
        double bb = 200 * (fy - fz);
        return new int[] {clamp((int) Math.round(l * 255 / 100)), clamp((int) Math.round(a + 128)),
                clamp((int) Math.round(bb + 128))};
    }

    private static int[] rgi(int r, int g, int b) {
        int sum = r + g + b;
        if (sum == 0) {
            return new int[] {85, 85, 0};
        }
        return new int[] {clamp(Math.round(255f * r / sum)), clamp(Math.round(255f * g / sum)), sum / 3};
    }

    private static double linear(int c) {
        double v = c / 255.0;
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static double f(double t) {
        return t > 216.0 / 24389 ? Math.cbrt(t) : (24389.0 / 27 * t + 16) / 116;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
