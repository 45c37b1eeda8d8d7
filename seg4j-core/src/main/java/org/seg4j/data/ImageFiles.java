package org.seg4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.stream.ImageInputStream;
import org.seg4j.Seg4jException;
import org.seg4j.util.Throwables;

/**
 * Reads images (PNG, JPEG, BMP and whatever else {@code javax.imageio} decodes) safely: the size is
 * taken from the header first and images over a pixel limit are refused before any pixel is
 * decoded, and every failure becomes a {@link Seg4jException} that names the file.
 *
 * <p>Grayscale, palette, 16-bit and alpha images all become {@link RgbImage}s as described in
 * {@link BufferedImages#toRgbImage}.
 */
public final class ImageFiles {

    /** The default limit on decoded image size: 100 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 100_000_000L;

    /** The largest image an {@link RgbImage} can hold (3 bytes per pixel in one array). */
    static final long HARD_MAX_PIXELS = Integer.MAX_VALUE / 3;

    /** File extensions (lower case, without dot) the data set layouts treat as images. */
    public static final List<String> EXTENSIONS = List.of("png", "jpg", "jpeg", "bmp");

    private ImageFiles() {}

    /** Reads an image as RGB with the default pixel limit. */
    public static RgbImage read(Path file) {
        return read(file, DEFAULT_MAX_PIXELS);
    }

    /** Reads an image as RGB, refusing images with more than {@code maxPixels} pixels. */
    public static RgbImage read(Path file, long maxPixels) {
        return BufferedImages.toRgbImage(decode(file, maxPixels));
    }

    /**
     * Reads a photo as RGB the way a viewer shows it: its EXIF orientation applied (see {@link
     * ExifOrientation}). Prediction reads inputs this way; data sets read the stored pixels, which is
     * what masks are aligned with.
     */
    public static RgbImage readUpright(Path file, long maxPixels) {
        BufferedImage image = decode(file, maxPixels);
        return BufferedImages.toRgbImage(ExifOrientation.upright(image, ExifOrientation.of(file)));
    }

    /** {@link #readUpright(Path, long)} with the default pixel limit. */
    public static RgbImage readUpright(Path file) {
        return readUpright(file, DEFAULT_MAX_PIXELS);
    }

    /** Reads only the header of an image: its size and format. */
    public static ImageHeader header(Path file) {
        return withReader(file, reader -> headerOf(file, reader));
    }

    /**
     * Decodes an image as the decoder produced it (palette, gray, 16-bit... kept as they are),
     * refusing images with more than {@code maxPixels} pixels before decoding them.
     */
    public static BufferedImage decode(Path file, long maxPixels) {
        return withReader(file, reader -> {
            checkLimit(file, headerOf(file, reader), maxPixels);
            List<String> warnings = new ArrayList<>();
            reader.addIIOReadWarningListener(collect(warnings));
            BufferedImage image;
            try {
                image = reader.read(0);
            } catch (IOException | RuntimeException e) {
                if ("Unsupported Image Type".equals(e.getMessage())) {
                    throw new Seg4jException(file + ": unsupported colour format (CMYK or YCCK JPEG?);"
                            + " convert it to RGB", e);
                }
                throw new Seg4jException(file + ": corrupt or truncated image (" + Throwables.reason(e) + ")", e);
            }
            for (String w : warnings) {
                // libjpeg reports a cut-off file only as a warning and fills the rest with gray
                String lower = w.toLowerCase(Locale.ROOT);
                if (lower.contains("premature end") || lower.contains("truncated") || lower.contains("missing eoi")) {
                    throw new Seg4jException(file + ": corrupt or truncated image (" + w + ")");
                }
            }
            return image;
        });
    }

    /** Throws if an image of this size is over {@code maxPixels}. */
    public static void checkLimit(Path file, ImageHeader header, long maxPixels) {
        long limit = Math.min(maxPixels, HARD_MAX_PIXELS);
        if (header.pixels() > limit) {
            throw new Seg4jException(file + ": image is " + header.width() + "x" + header.height() + " ("
                    + megapixels(header.pixels()) + " MP), over the limit of " + megapixels(limit) + " MP");
        }
    }

    /** True if the file name ends with one of {@link #EXTENSIONS} (case-insensitive). */
    public static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /** Megapixels for messages: whole numbers without decimals, others with one. */
    static String megapixels(long pixels) {
        if (pixels % 1_000_000 == 0) {
            return Long.toString(pixels / 1_000_000);
        }
        if (pixels >= 100_000) {
            return String.format(Locale.ROOT, "%.1f", pixels / 1e6);
        }
        return BigDecimal.valueOf(pixels, 6).stripTrailingZeros().toPlainString();
    }

    private interface ReaderAction<T> {
        T apply(ImageReader reader);
    }

    private static <T> T withReader(Path file, ReaderAction<T> action) {
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": image file not found");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new Seg4jException(file + ": cannot open image file");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new Seg4jException(file + ": not a readable image (unknown or unsupported format;"
                        + " supported: PNG, JPEG, BMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return action.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            throw new Seg4jException(file + ": cannot read image (" + Throwables.reason(e) + ")", e);
        }
    }

    private static ImageHeader headerOf(Path file, ImageReader reader) {
        try {
            return new ImageHeader(reader.getWidth(0), reader.getHeight(0),
                    reader.getFormatName().toLowerCase(Locale.ROOT));
        } catch (IOException | RuntimeException e) {
            throw new Seg4jException(file + ": corrupt image header (" + Throwables.reason(e) + ")", e);
        }
    }

    private static IIOReadWarningListener collect(List<String> warnings) {
        return (source, warning) -> warnings.add(warning);
    }
}
