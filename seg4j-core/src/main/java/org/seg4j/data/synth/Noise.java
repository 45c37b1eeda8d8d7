package org.seg4j.data.synth;

/** Deterministic hash noise: white noise per pixel and smooth value noise, keyed by a salt. */
final class Noise {

    private Noise() {}

    /** A pseudo-random value in [0, 1) for integer coordinates and a salt. */
    static float hash(int x, int y, int salt) {
        int h = x * 0x27D4EB2D ^ y * 0x165667B1 ^ salt * 0x61C88647;
        h ^= h >>> 15;
        h *= 0x2C1B3C6D;
        h ^= h >>> 12;
        h *= 0x297A2D39;
        h ^= h >>> 15;
        return (h >>> 8) * (1f / (1 << 24));
    }

    /** Smooth value noise in [0, 1) with features about {@code scale} pixels wide. */
    static float value(float x, float y, float scale, int salt) {
        float fx = x / scale;
        float fy = y / scale;
        int ix = floor(fx);
        int iy = floor(fy);
        float tx = fx - ix;
        float ty = fy - iy;
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        float a = hash(ix, iy, salt);
        float b = hash(ix + 1, iy, salt);
        float c = hash(ix, iy + 1, salt);
        float d = hash(ix + 1, iy + 1, salt);
        float top = a + (b - a) * tx;
        float bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    private static int floor(float v) {
        int i = (int) v;
        return v < i ? i - 1 : i;
    }

    /** Bell-shaped noise with mean 0 and standard deviation 1 (sum of two uniforms). */
    static float gaussian(int x, int y, int salt) {
        float s = hash(x, y, salt) + hash(x, y, salt + 1);
        return (s - 1f) * 2.4494897f;
    }
}
