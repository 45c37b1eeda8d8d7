package org.seg4j.data.region;

import org.seg4j.data.RgbImage;
import org.seg4j.util.SeparableGaussian;

/**
 * Per-pixel histogram bins for selective search's region descriptors, computed once per colour
 * space: a colour bin per channel (25 bins over 0-255) and, per channel and for each of eight
 * orientations, a texture bin (10 bins) of the positive Gaussian-derivative response at sigma 1,
 * scaled by that channel and orientation's largest response in the image.
 */
final class PixelDescriptors {

    static final int COLOUR_BINS = 25;
    static final int ORIENTATIONS = 8;
    static final int TEXTURE_BINS = 10;
    /** Length of a region's colour histogram. */
    static final int COLOUR_LENGTH = 3 * COLOUR_BINS;
    /** Length of a region's texture histogram. */
    static final int TEXTURE_LENGTH = 3 * ORIENTATIONS * TEXTURE_BINS;

    /** {@code pixels x 3} colour histogram indices (0..COLOUR_LENGTH-1). */
    final short[] colour;
    /** {@code pixels x 24} texture histogram indices (0..TEXTURE_LENGTH-1). */
    final short[] texture;

    private PixelDescriptors(short[] colour, short[] texture) {
        this.colour = colour;
        this.texture = texture;
    }

    static PixelDescriptors of(RgbImage image) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        byte[] data = image.data();
        short[] colour = new short[n * 3];
        short[] texture = new short[n * 3 * ORIENTATIONS];
        double[] cos = new double[ORIENTATIONS];
        double[] sin = new double[ORIENTATIONS];
        for (int o = 0; o < ORIENTATIONS; o++) {
            cos[o] = Math.cos(2 * Math.PI * o / ORIENTATIONS);
            sin[o] = Math.sin(2 * Math.PI * o / ORIENTATIONS);
        }
        SeparableGaussian smoothing = SeparableGaussian.truncatedAt(1.0, 4.0, SeparableGaussian.Border.REFLECT);
        float[] plane = new float[n];
        float[] response = new float[n * ORIENTATIONS];
        for (int c = 0; c < 3; c++) {
            for (int p = 0; p < n; p++) {
                int v = data[p * 3 + c] & 0xFF;
                plane[p] = v;
                colour[p * 3 + c] = (short) (c * COLOUR_BINS + v * COLOUR_BINS / 256);
            }
            float[] s = smoothing.filter(plane, w, h);
            float[] max = new float[ORIENTATIONS];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    float gx = (s[y * w + Math.min(x + 1, w - 1)] - s[y * w + Math.max(x - 1, 0)]) / 2;
                    float gy = (s[Math.min(y + 1, h - 1) * w + x] - s[Math.max(y - 1, 0) * w + x]) / 2;
                    for (int o = 0; o < ORIENTATIONS; o++) {
                        float r = (float) Math.max(0, gx * cos[o] + gy * sin[o]);
                        response[p * ORIENTATIONS + o] = r;
                        max[o] = Math.max(max[o], r);
                    }
                }
            }
            for (int p = 0; p < n; p++) {
                for (int o = 0; o < ORIENTATIONS; o++) {
                    float m = max[o];
                    int bin = m > 0 ? Math.min(TEXTURE_BINS - 1, (int) (response[p * ORIENTATIONS + o] / m * TEXTURE_BINS)) : 0;
                    texture[(p * 3 + c) * ORIENTATIONS + o] = (short) ((c * ORIENTATIONS + o) * TEXTURE_BINS + bin);
                }
            }
        }
        return new PixelDescriptors(colour, texture);
    }
}
