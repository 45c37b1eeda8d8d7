package org.seg4j.data.synth;

import java.util.random.RandomGenerator;

/**
 * The perspective frame of one scene: a horizon row and a vanishing point from which the road and
 * pavement edges fan out towards the bottom of the image. {@code t} is the ground depth parameter,
 * 0 at the horizon and 1 at the bottom row; apparent sizes scale with it.
 *
 * @param width image width
 * @param height image height
 * @param horizon row of the horizon
 * @param vanishX column of the vanishing point
 * @param bottomCentre road centre column at the bottom row
 * @param roadHalf road half-width at the bottom row
 * @param pavement pavement width at the bottom row, on each side
 */
record StreetLayout(
        int width, int height, float horizon, float vanishX, float bottomCentre, float roadHalf, float pavement) {

    static StreetLayout random(int width, int height, RandomGenerator rng) {
        float horizon = height * Colours.betweenF(rng, 0.36, 0.5);
        float vanishX = width * Colours.betweenF(rng, 0.3, 0.7);
        float bottomCentre = width * Colours.betweenF(rng, 0.35, 0.65);
        float roadHalf = width * Colours.betweenF(rng, 0.3, 0.45);
        float pavement = width * Colours.betweenF(rng, 0.18, 0.3);
        return new StreetLayout(width, height, horizon, vanishX, bottomCentre, roadHalf, pavement);
    }

    /** Depth parameter of row {@code y}: 0 at the horizon, 1 at the bottom, negative above. */
    float t(float y) {
        return (y - horizon) / (height - 1 - horizon);
    }

    /** Row of depth parameter {@code t}. */
    float row(float t) {
        return horizon + t * (height - 1 - horizon);
    }

    /** Road centre column at depth {@code t}. */
    float centre(float t) {
        return vanishX + (bottomCentre - vanishX) * t;
    }

    /** Road half-width at depth {@code t}. */
    float roadHalf(float t) {
        return roadHalf * t;
    }

    /** Pavement width at depth {@code t}. */
    float pavement(float t) {
        return pavement * t;
    }
}
