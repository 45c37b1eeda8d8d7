package org.seg4j.transform;

import org.seg4j.data.RgbImage;

/**
 * Per-channel normalisation {@code (pixel / 255 - mean) / std} that turns an 8-bit image into the
 * float CHW layout a model reads.
 *
 * @param mean per-channel mean, RGB order, on the 0-1 scale
 * @param std per-channel standard deviation, RGB order, on the 0-1 scale
 */
public record Normalization(float[] mean, float[] std) {

    /** The ImageNet statistics most segmentation code uses. */
    public static final Normalization IMAGENET =
            new Normalization(new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f});

    public Normalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values (RGB)");
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new IllegalArgumentException("std values must be positive");
            }
        }
    }

    /**
     * Writes the normalised image as CHW floats into {@code out} starting at {@code offset}.
     *
     * @return the number of floats written ({@code 3 * width * height})
     */
    public int toChw(RgbImage image, float[] out, int offset) {
        int plane = image.width() * image.height();
        byte[] d = image.data();
        for (int c = 0; c < 3; c++) {
            float scale = 1f / (255f * std[c]);
            float shift = mean[c] / std[c];
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = (d[i * 3 + c] & 0xFF) * scale - shift;
            }
        }
        return 3 * plane;
    }

    /** The normalised image as a new CHW float array. */
    public float[] toChw(RgbImage image) {
        float[] out = new float[3 * image.width() * image.height()];
        toChw(image, out, 0);
        return out;
    }
}
