package org.seg4j.data;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The EXIF orientation of a photo (tag 0x0112, values 1-8) and the transform that turns its stored
 * pixels upright, as a viewer shows them. Cameras and phones store portrait photos as landscape
 * pixels plus this tag; a prediction on the stored pixels would come back rotated relative to what
 * the user sees. The tag is read with metadata-extractor.
 */
public final class ExifOrientation {

    /** The value of an upright image (also used when there is no tag). */
    public static final int NORMAL = 1;

    private ExifOrientation() {}

    /**
     * The orientation tag of {@code file}, or {@link #NORMAL} when the file has none or its metadata
     * cannot be read (the pixels are then taken as stored; a broken image fails later, when decoded).
     */
    public static int of(Path file) {
        try {
            return orientation(ImageMetadataReader.readMetadata(file.toFile()));
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return NORMAL;
        }
    }

    /** The orientation tag of an encoded image held in memory; {@link #NORMAL} as for {@link #of(Path)}. */
    public static int of(byte[] encoded) {
        try {
            return orientation(ImageMetadataReader.readMetadata(new ByteArrayInputStream(encoded), encoded.length));
        } catch (ImageProcessingException | IOException | RuntimeException e) {
            return NORMAL;
        }
    }

    private static int orientation(Metadata metadata) {
        ExifIFD0Directory dir = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
        if (dir == null || !dir.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
            return NORMAL;
        }
        try {
            int value = dir.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return value >= 1 && value <= 8 ? value : NORMAL;
        } catch (MetadataException e) {
            return NORMAL;
        }
    }

    /** True for orientations 5-8, whose upright image swaps width and height. */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * The upright image: {@code image} transformed as EXIF orientation {@code orientation} says
     * (1 = as stored, 2 = mirrored, 3 = rotated 180, 4 = flipped, 5 = transposed, 6 = rotated 90
     * clockwise, 7 = transversed, 8 = rotated 90 counter-clockwise). Returns {@code image} itself for 1.
     */
    public static BufferedImage upright(BufferedImage image, int orientation) {
        if (orientation <= NORMAL || orientation > 8) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swap = swapsAxes(orientation);
        int outW = swap ? h : w;
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        int[] dst = new int[src.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                // where stored pixel (x, y) lands in the upright image
                int ux;
                int uy;
                switch (orientation) {
                    case 2 -> { ux = w - 1 - x; uy = y; }
                    case 3 -> { ux = w - 1 - x; uy = h - 1 - y; }
                    case 4 -> { ux = x; uy = h - 1 - y; }
                    case 5 -> { ux = y; uy = x; }
                    case 6 -> { ux = h - 1 - y; uy = x; }
                    case 7 -> { ux = h - 1 - y; uy = w - 1 - x; }
                    default -> { ux = y; uy = w - 1 - x; } // 8
                }
                dst[uy * outW + ux] = src[y * w + x];
            }
        }
        BufferedImage out = new BufferedImage(outW, swap ? w : h, rgbType(image));
        out.setRGB(0, 0, outW, swap ? w : h, dst, 0, outW);
        return out;
    }

    private static int rgbType(BufferedImage image) {
        return image.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
    }
}
