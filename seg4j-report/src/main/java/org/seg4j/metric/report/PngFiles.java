package org.seg4j.metric.report;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.seg4j.util.AtomicFiles;

/** Encodes images as PNG and writes them atomically. */
final class PngFiles {

    private PngFiles() {}

    /** Writes {@code image} to {@code file} as PNG, atomically. */
    static void write(Path file, BufferedImage image) {
        byte[] bytes = encode(image);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The PNG encoding of {@code image}. */
    static byte[] encode(BufferedImage image) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(1 << 16);
        try {
            if (!ImageIO.write(image, "png", buffer)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode PNG: " + e.getMessage(), e);
        }
        return buffer.toByteArray();
    }
}
