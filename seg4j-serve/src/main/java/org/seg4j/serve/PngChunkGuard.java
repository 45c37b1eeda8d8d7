package org.seg4j.serve;

import java.nio.charset.StandardCharsets;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Checks a PNG's chunk structure before any decoder sees it: the declared size in {@code IHDR}
 * against the pixel limit, and the metadata chunks ({@code tEXt}, {@code zTXt}, {@code iTXt},
 * {@code iCCP}) against a limit on their total size once inflated. Compressed chunks are inflated
 * into a small scratch buffer that is only counted, and inflation stops as soon as the limit is
 * passed, so a chunk that would inflate to gigabytes costs at most {@code limit} bytes of work and
 * no memory.
 */
final class PngChunkGuard {

    /** Scratch buffer size for counting inflated bytes. */
    private static final int SCRATCH = 16 * 1024;

    private PngChunkGuard() {}

    /**
     * Walks the chunks of {@code png} (signature already checked) and returns the declared width and
     * height.
     *
     * @throws ApiException 400 for a broken chunk structure, 422 for too many pixels or too much
     *     metadata
     */
    static int[] check(byte[] png, long maxPixels, long maxMetadataBytes) {
        int pos = 8;
        int[] size = null;
        long metadata = 0;
        while (true) {
            if (pos + 8 > png.length) {
                throw truncated();
            }
            long length = readInt(png, pos) & 0xFFFFFFFFL;
            String type = new String(png, pos + 4, 4, StandardCharsets.ISO_8859_1);
            int data = pos + 8;
            if (length > png.length - data - 4L) {
                throw truncated();
            }
            int len = (int) length;
            if (size == null) {
                if (!type.equals("IHDR") || len != 13) {
                    throw new ApiException(400, "corrupt_image", "corrupt PNG: the first chunk is not a 13-byte IHDR");
                }
                size = new int[] {readInt(png, data), readInt(png, data + 4)};
                if (size[0] <= 0 || size[1] <= 0) {
                    throw new ApiException(400, "corrupt_image",
                            "corrupt PNG: declared size " + Integer.toUnsignedString(size[0]) + "x"
                                    + Integer.toUnsignedString(size[1]));
                }
                ImageDecoder.checkPixels(size[0], size[1], maxPixels);
            }
            switch (type) {
                case "tEXt" -> metadata += len;
                case "zTXt", "iCCP" -> metadata += compressedAfterName(png, data, len, maxMetadataBytes - metadata);
                case "iTXt" -> metadata += internationalText(png, data, len, maxMetadataBytes - metadata);
                default -> { }
            }
            if (metadata > maxMetadataBytes) {
                throw tooMuchMetadata(maxMetadataBytes);
            }
            if (type.equals("IEND")) {
                return size;
            }
            pos = data + len + 4;
        }
    }

    /** zTXt and iCCP: name, NUL, compression method, zlib data. */
    private static long compressedAfterName(byte[] png, int data, int len, long budget) {
        int nul = indexOfNul(png, data, data + len);
        if (nul < 0 || nul + 2 > data + len) {
            throw new ApiException(400, "corrupt_image", "corrupt PNG: malformed compressed metadata chunk");
        }
        return (nul - data) + inflatedSize(png, nul + 2, data + len - nul - 2, budget);
    }

    /** iTXt: keyword, NUL, flag, method, language, NUL, translated keyword, NUL, text. */
    private static long internationalText(byte[] png, int data, int len, long budget) {
        int end = data + len;
        int nul = indexOfNul(png, data, end);
        if (nul < 0 || nul + 3 > end) {
            throw new ApiException(400, "corrupt_image", "corrupt PNG: malformed iTXt chunk");
        }
        boolean compressed = png[nul + 1] != 0;
        int lang = indexOfNul(png, nul + 3, end);
        int trans = lang < 0 ? -1 : indexOfNul(png, lang + 1, end);
        if (trans < 0) {
            throw new ApiException(400, "corrupt_image", "corrupt PNG: malformed iTXt chunk");
        }
        int text = trans + 1;
        long header = text - data;
        return header + (compressed ? inflatedSize(png, text, end - text, budget) : end - text);
    }

    /** Number of bytes the zlib stream inflates to, stopping once it exceeds {@code budget}. */
    private static long inflatedSize(byte[] png, int off, int len, long budget) {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(png, off, len);
            byte[] scratch = new byte[SCRATCH];
            long total = 0;
            while (!inflater.finished()) {
                int n = inflater.inflate(scratch);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                total += n;
                if (total > budget) {
                    return total;
                }
            }
            return total;
        } catch (DataFormatException e) {
            throw new ApiException(400, "corrupt_image", "corrupt PNG: bad compressed metadata (" + e.getMessage() + ")");
        } finally {
            inflater.end();
        }
    }

    private static int indexOfNul(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static int readInt(byte[] b, int pos) {
        return ((b[pos] & 0xFF) << 24) | ((b[pos + 1] & 0xFF) << 16) | ((b[pos + 2] & 0xFF) << 8) | (b[pos + 3] & 0xFF);
    }

    private static ApiException truncated() {
        return new ApiException(400, "corrupt_image", "truncated PNG: a chunk runs past the end of the data");
    }

    private static ApiException tooMuchMetadata(long limit) {
        return new ApiException(422, "metadata_too_large", "PNG metadata chunks (text/ICC profile) inflate to more"
                + " than the server's limit of " + limit + " bytes");
    }
}
