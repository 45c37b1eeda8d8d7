package org.seg4j.data.convert;

import org.seg4j.Seg4jException;

/**
 * COCO's run-length encoding of a binary mask (pycocotools {@code maskApi.c}): runs of 0s and 1s
 * alternating, starting with 0s, over the pixels in column-major order (down the first column,
 * then the second, ...). {@code counts} is either a list of run lengths ("uncompressed RLE") or
 * pycocotools' compressed string, where each run is a little-endian base-32 number in characters
 * offset by 48, 5 bits per character with bit 0x20 meaning "more follows" and bit 0x10 of the last
 * character the sign, and runs after the third are stored as the difference to the run two before.
 */
public final class CocoRle {

    private CocoRle() {}

    /** Run lengths from pycocotools' compressed string. */
    public static long[] decodeString(String s) {
        long[] counts = new long[s.length()];
        int m = 0;
        int p = 0;
        while (p < s.length()) {
            long x = 0;
            int k = 0;
            boolean more = true;
            while (more) {
                if (p >= s.length()) {
                    throw new Seg4jException("COCO RLE string ends inside a number: '" + s + "'");
                }
                int c = s.charAt(p) - 48;
                if (c < 0 || c > 63) {
                    throw new Seg4jException("COCO RLE string has an invalid character '" + s.charAt(p) + "'");
                }
                x |= (long) (c & 0x1f) << (5 * k);
                more = (c & 0x20) != 0;
                p++;
                k++;
                if (!more && (c & 0x10) != 0) {
                    x |= -1L << (5 * k);
                }
            }
            if (m > 2) {
                x += counts[m - 2];
            }
            counts[m++] = x;
        }
        return java.util.Arrays.copyOf(counts, m);
    }

    /**
     * The binary mask of run lengths, row-major, {@code true} for the object.
     *
     * @param height the mask height ({@code size[0]} in COCO)
     * @param width the mask width ({@code size[1]})
     */
    public static boolean[] decode(long[] counts, int height, int width) {
        long total = (long) height * width;
        boolean[] mask = new boolean[height * width];
        long pos = 0;
        boolean value = false;
        for (long run : counts) {
            if (run < 0 || pos + run > total) {
                throw new Seg4jException("COCO RLE runs do not fit a " + width + "x" + height + " mask (run " + run
                        + " at pixel " + pos + ")");
            }
            if (value) {
                for (long i = pos; i < pos + run; i++) {
                    int x = (int) (i / height);
                    int y = (int) (i % height);
                    mask[y * width + x] = true;
                }
            }
            pos += run;
            value = !value;
        }
        if (pos != total) {
            throw new Seg4jException("COCO RLE runs cover " + pos + " pixels, but the mask has " + total);
        }
        return mask;
    }

    /** Run lengths of a row-major binary mask, in COCO's column-major order, starting with 0s. */
    public static long[] encode(boolean[] mask, int height, int width) {
        if (mask.length != height * width) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, not " + width + "x" + height);
        }
        long[] runs = new long[mask.length + 1];
        int m = 0;
        long run = 0;
        boolean value = false;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                if (mask[y * width + x] != value) {
                    runs[m++] = run;
                    run = 0;
                    value = !value;
                }
                run++;
            }
        }
        runs[m++] = run;
        return java.util.Arrays.copyOf(runs, m);
    }

    /** pycocotools' compressed string of run lengths (the inverse of {@link #decodeString}). */
    public static String encodeString(long[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            long x = counts[i];
            if (i > 2) {
                x -= counts[i - 2];
            }
            boolean more = true;
            while (more) {
                long c = x & 0x1f;
                x >>= 5;
                more = (c & 0x10) != 0 ? x != -1 : x != 0;
                if (more) {
                    c |= 0x20;
                }
                sb.append((char) (c + 48));
            }
        }
        return sb.toString();
    }
}
