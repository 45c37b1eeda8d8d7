package org.seg4j.data.synth;

import java.util.random.RandomGenerator;

/** Colour helpers: HSV conversion and random draws within ranges. */
final class Colours {

    private Colours() {}

    /** HSV (hue in degrees, saturation and value 0-1) to RGB floats 0-1. */
    static float[] hsv(double h, double s, double v) {
        double hh = ((h % 360) + 360) % 360 / 60.0;
        int i = (int) Math.floor(hh);
        double f = hh - i;
        double p = v * (1 - s);
        double q = v * (1 - s * f);
        double t = v * (1 - s * (1 - f));
        double[] c = switch (i) {
            case 0 -> new double[] {v, t, p};
            case 1 -> new double[] {q, v, p};
            case 2 -> new double[] {p, v, t};
            case 3 -> new double[] {p, q, v};
            case 4 -> new double[] {t, p, v};
            default -> new double[] {v, p, q};
        };
        return new float[] {(float) c[0], (float) c[1], (float) c[2]};
    }

    /** A colour with hue, saturation and value drawn uniformly from the given ranges. */
    static float[] hsv(RandomGenerator rng, double h0, double h1, double s0, double s1, double v0, double v1) {
        return hsv(between(rng, h0, h1), between(rng, s0, s1), between(rng, v0, v1));
    }

    static double between(RandomGenerator rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    static float betweenF(RandomGenerator rng, double lo, double hi) {
        return (float) between(rng, lo, hi);
    }
}
