package org.seg4j.data;

import java.util.Arrays;

/**
 * A per-pixel class map in row-major order. Values are class ids ({@code 0..n-1}) or
 * {@link #IGNORE} for void pixels that are excluded from loss and metrics. File-specific void
 * values (CamVid's 11, for example) are mapped to {@link #IGNORE} when a mask is read.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param data {@code width * height} unsigned bytes
 */
public record LabelMask(int width, int height, byte[] data) {

    /** The internal value of a void pixel. */
    public static final int IGNORE = 255;

    public LabelMask {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("mask size must be positive, got " + width + "x" + height);
        }
        if (data.length != width * height) {
            throw new IllegalArgumentException(
                    "mask data has " + data.length + " values, expected " + width * height);
        }
    }

    /** A mask of the given size filled with one value. */
    public static LabelMask filled(int width, int height, int value) {
        byte[] data = new byte[width * height];
        Arrays.fill(data, (byte) value);
        return new LabelMask(width, height, data);
    }

    /** The label at (x, y) as an unsigned value. */
    public int get(int x, int y) {
        return data[y * width + x] & 0xFF;
    }

    /** Sets the label at (x, y). */
    public void set(int x, int y, int value) {
        data[y * width + x] = (byte) value;
    }
}
