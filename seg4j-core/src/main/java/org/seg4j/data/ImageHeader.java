package org.seg4j.data;

/**
 * What an image file's header says, read without decoding the pixels.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param format the decoder's format name, lower case, e.g. {@code png}
 */
public record ImageHeader(int width, int height, String format) {

    /** Number of pixels, as a long so that huge declared sizes do not overflow. */
    public long pixels() {
        return (long) width * height;
    }
}
