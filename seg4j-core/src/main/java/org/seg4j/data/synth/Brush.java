package org.seg4j.data.synth;

import java.util.random.RandomGenerator;

/**
 * A textured paint: a base colour (0-1 floats) modulated by smooth value noise (blotches about
 * {@code scale} pixels wide, relative amplitude {@code coarse}) and by per-pixel grain
 * ({@code fine}, absolute).
 *
 * @param r base red
 * @param g base green
 * @param b base blue
 * @param coarse relative amplitude of the blotches
 * @param scale blotch size in pixels
 * @param fine amplitude of per-pixel grain
 * @param salt noise key, so that two surfaces do not share a pattern
 */
record Brush(float r, float g, float b, float coarse, float scale, float fine, int salt) {

    /** A brush of colour {@code rgb} with the given texture and a fresh salt. */
    static Brush of(float[] rgb, float coarse, float scale, float fine, RandomGenerator rng) {
        return new Brush(rgb[0], rgb[1], rgb[2], coarse, scale, fine, rng.nextInt());
    }

    /** The same texture with the colour scaled by {@code f} (shading). */
    Brush darker(float f) {
        return new Brush(r * f, g * f, b * f, coarse, scale, fine, salt);
    }
}
