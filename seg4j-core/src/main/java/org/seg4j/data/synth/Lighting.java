package org.seg4j.data.synth;

import java.util.random.RandomGenerator;

/**
 * Scene-wide photometric variation applied after drawing: a cast shadow across the street, global
 * brightness and colour cast, haze, and sensor noise. Labels are untouched.
 */
final class Lighting {

    private Lighting() {}

    static void apply(Canvas c, StreetLayout layout, RandomGenerator rng) {
        if (rng.nextDouble() < 0.5) {
            castShadow(c, layout, rng);
        }
        float brightness = Colours.betweenF(rng, 0.7, 1.25);
        float[] cast = {Colours.betweenF(rng, 0.88, 1.12), Colours.betweenF(rng, 0.88, 1.12),
            Colours.betweenF(rng, 0.88, 1.12)};
        float haze = Colours.betweenF(rng, 0, 0.15);
        float hazeGrey = Colours.betweenF(rng, 0.5, 0.85);
        float sigma = Colours.betweenF(rng, 0.005, 0.02);
        int salt = rng.nextInt();
        for (int y = 0; y < c.height; y++) {
            for (int x = 0; x < c.width; x++) {
                int i = y * c.width + x;
                float n = sigma * Noise.gaussian(x, y, salt);
                c.r[i] = light(c.r[i], brightness * cast[0], haze, hazeGrey) + n;
                c.g[i] = light(c.g[i], brightness * cast[1], haze, hazeGrey) + n;
                c.b[i] = light(c.b[i], brightness * cast[2], haze, hazeGrey) + n;
            }
        }
    }

    private static float light(float v, float gain, float haze, float grey) {
        return v * gain * (1 - haze) + grey * haze;
    }

    /** Darkens the ground on one side of a slanted line, as if a building blocked the sun. */
    private static void castShadow(Canvas c, StreetLayout layout, RandomGenerator rng) {
        float x0 = c.width * Colours.betweenF(rng, 0.1, 0.9);
        float slope = Colours.betweenF(rng, -1.5, 1.5);
        boolean leftSide = rng.nextBoolean();
        float f = Colours.betweenF(rng, 0.55, 0.8);
        int first = Math.max(0, (int) Math.ceil(layout.horizon()));
        for (int y = first; y < c.height; y++) {
            float edge = x0 + slope * (y - layout.horizon());
            for (int x = 0; x < c.width; x++) {
                if ((x < edge) == leftSide) {
                    c.darken(x, y, f);
                }
            }
        }
    }
}
