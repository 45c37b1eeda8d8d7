package org.seg4j.data;

/**
 * An 8-bit RGB image held as interleaved bytes in row-major order ({@code r,g,b,r,g,b,...}).
 * Grayscale inputs are expanded to three equal channels when read.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param data {@code width * height * 3} unsigned bytes
 */
public record RgbImage(int width, int height, byte[] data) {

    public RgbImage {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (data.length != width * height * 3) {
            throw new IllegalArgumentException(
                    "image data has " + data.length + " bytes, expected " + width * height * 3);
        }
    }

    /** A black image. */
    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new byte[width * height * 3]);
    }

    /** Channel {@code c} (0 = red) of pixel (x, y), 0-255. */
    public int get(int x, int y, int c) {
        return data[(y * width + x) * 3 + c] & 0xFF;
    }

    /** The pixel at (x, y) packed as {@code 0xRRGGBB}. */
    public int rgb(int x, int y) {
        int i = (y * width + x) * 3;
        return ((data[i] & 0xFF) << 16) | ((data[i + 1] & 0xFF) << 8) | (data[i + 2] & 0xFF);
    }

    /** Sets pixel (x, y) from a packed {@code 0xRRGGBB} value. */
    public void setRgb(int x, int y, int rgb) {
        int i = (y * width + x) * 3;
        data[i] = (byte) (rgb >> 16);
        data[i + 1] = (byte) (rgb >> 8);
        data[i + 2] = (byte) rgb;
    }
}
