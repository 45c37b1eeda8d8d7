package org.seg4j.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import org.seg4j.util.AtomicFiles;

/**
 * Writes PNG files atomically (see {@link AtomicFiles}): RGB and RGBA images, 8-bit gray index
 * masks (value = class id, 255 = void) and palette masks that carry their class colours.
 */
public final class PngFiles {

    private PngFiles() {}

    /** Writes an RGB PNG. */
    public static void writeRgb(Path file, RgbImage image) {
        write(file, BufferedImages.toBufferedImage(image));
    }

    /** Writes an RGBA PNG; {@code alpha} holds one opacity value per pixel (255 = opaque). */
    public static void writeRgba(Path file, RgbImage image, byte[] alpha) {
        write(file, BufferedImages.toBufferedImage(image, alpha));
    }

    /** Writes a mask as an 8-bit gray PNG whose pixel values are the labels (void stays 255). */
    public static void writeIndexMask(Path file, LabelMask mask) {
        write(file, BufferedImages.toGrayImage(mask));
    }

    /**
     * Writes a mask as an 8-bit palette PNG: the pixel indices are the labels and the palette holds
     * the class colours, so viewers show colours while {@link MaskReader} reads the labels back.
     */
    public static void writePaletteMask(Path file, LabelMask mask, ClassMeta classes) {
        write(file, BufferedImages.toPaletteImage(mask, classes.palette()));
    }

    /** Writes any {@link BufferedImage} as PNG, atomically. */
    public static void write(Path file, BufferedImage image) {
        AtomicFiles.write(file, out -> encode(image, out));
    }

    private static void encode(BufferedImage image, OutputStream out) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer available");
        }
        ImageWriter writer = writers.next();
        try (ImageOutputStream ios = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(ios);
            writer.write(null, new IIOImage(image, null, null), writer.getDefaultWriteParam());
        } finally {
            writer.dispose();
        }
    }
}
