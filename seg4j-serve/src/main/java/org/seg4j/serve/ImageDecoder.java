package org.seg4j.serve;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.ExifOrientation;
import org.seg4j.data.RgbImage;
import org.seg4j.util.Throwables;

/**
 * Turns an uploaded body into an {@link RgbImage}, refusing hostile input before it costs memory:
 *
 * <ol>
 *   <li>the format comes from the first bytes ({@link ImageFormat#sniff}), and only that format's
 *       decoder is used (415 for anything else);
 *   <li>PNG chunks are checked first ({@link PngChunkGuard}): structure, declared size, metadata;
 *   <li>the declared size is read from the header and compared with the pixel limit before any
 *       pixel is decoded (422), so a small file that declares 100000x100000 is refused at once;
 *       then it goes to the caller's {@link SizeGate} (the server's pixel budget);
 *   <li>decoding errors and truncated data give 400, with the decoder's reason.
 * </ol>
 *
 * <p>Metadata is not handed to the decoder ({@code ignoreMetadata}); gray, palette, 16-bit and alpha
 * images become RGB as in {@link BufferedImages#toRgbImage}.
 */
public final class ImageDecoder {

    private final long maxPixels;
    private final long maxMetadataBytes;

    /** A decoder with the given limits. */
    public ImageDecoder(long maxPixels, long maxMetadataBytes) {
        this.maxPixels = maxPixels;
        this.maxMetadataBytes = maxMetadataBytes;
    }

    /** Called with an image's declared size once it passed the limits, before any pixel is decoded. */
    @FunctionalInterface
    public interface SizeGate {
        /** Admits the image or throws (an {@link ApiException} becomes the answer). */
        void admit(int width, int height);
    }

    /** Decodes {@code data} or throws an {@link ApiException} that says what is wrong with it. */
    public RgbImage decode(byte[] data) {
        return decode(data, (w, h) -> { });
    }

    /**
     * Decodes {@code data}, first passing its declared size to {@code gate} (which may refuse it,
     * e.g. when the server's pixel budget is spent).
     */
    public RgbImage decode(byte[] data, SizeGate gate) {
        ImageFormat format = ImageFormat.sniff(data);
        if (format == ImageFormat.PNG) {
            PngChunkGuard.check(data, maxPixels, maxMetadataBytes);
        } else if (format == ImageFormat.BMP) {
            checkBmpHeader(data);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.readerName());
        if (!readers.hasNext()) {
            throw new IllegalStateException("no " + format + " decoder in this Java runtime");
        }
        ImageReader reader = readers.next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(data))) {
            reader.setInput(in, true, true);
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new ApiException(400, "corrupt_image", "corrupt " + format + " header (" + Throwables.reason(e) + ")");
            }
            if (width <= 0 || height <= 0) {
                throw new ApiException(400, "corrupt_image", "corrupt " + format + " header: size " + width + "x" + height);
            }
            checkPixels(width, height, maxPixels);
            gate.admit(width, height);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                if ("Unsupported Image Type".equals(e.getMessage())) {
                    throw new ApiException(415, "unsupported_format", "unsupported colour format (CMYK or YCCK JPEG?);"
                            + " convert it to RGB");
                }
                throw new ApiException(400, "corrupt_image", "corrupt or truncated " + format + " (" + Throwables.reason(e) + ")");
            }
            for (String w : warnings) {
                // libjpeg reports a cut-off file only as a warning and fills the rest with gray
                String lower = w.toLowerCase(Locale.ROOT);
                if (lower.contains("premature end") || lower.contains("truncated") || lower.contains("missing eoi")) {
                    throw new ApiException(400, "corrupt_image", "corrupt or truncated " + format + " (" + w + ")");
                }
            }
            if (format == ImageFormat.JPEG) {
                image = ExifOrientation.upright(image, ExifOrientation.of(data));
            }
            return BufferedImages.toRgbImage(image);
        } catch (IOException e) {
            throw new ApiException(400, "corrupt_image", "cannot read " + format + " (" + Throwables.reason(e) + ")");
        } finally {
            reader.dispose();
        }
    }

    /**
     * Reads a BMP's declared size from its DIB header (the decoder refuses some huge sizes with a
     * message of its own; the pixel limit must speak first).
     */
    private void checkBmpHeader(byte[] data) {
        if (data.length < 26) {
            throw new ApiException(400, "corrupt_image", "truncated BMP header");
        }
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(data).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        int dib = b.getInt(14);
        long width;
        long height;
        if (dib == 12) {
            width = b.getShort(18) & 0xFFFF;
            height = b.getShort(20) & 0xFFFF;
        } else {
            width = b.getInt(18);
            height = Math.abs((long) b.getInt(22)); // negative height: rows stored top-down
        }
        if (width <= 0 || height <= 0) {
            throw new ApiException(400, "corrupt_image", "corrupt BMP header: size " + width + "x" + height);
        }
        checkPixels(width, height, maxPixels);
    }

    /** Throws 422 when {@code width x height} is over {@code maxPixels}. */
    static void checkPixels(long width, long height, long maxPixels) {
        long limit = Math.min(maxPixels, Integer.MAX_VALUE / 3);
        long pixels = width * height;
        if (pixels > limit) {
            throw new ApiException(422, "too_many_pixels", String.format(Locale.ROOT,
                    "image declares %dx%d pixels (%.1f MP), over the server's limit of %.1f MP; nothing was decoded",
                    width, height, pixels / 1e6, limit / 1e6));
        }
    }
}
