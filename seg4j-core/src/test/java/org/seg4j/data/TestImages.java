package org.seg4j.data;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/** Small image and mask files written for tests. */
public final class TestImages {

    private TestImages() {}

    /** An RGB image whose pixel (x, y) is (x*10, y*10, x+y), deterministic and non-uniform. */
    public static RgbImage gradient(int w, int h) {
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.setRgb(x, y, ((x * 10) & 0xFF) << 16 | ((y * 10) & 0xFF) << 8 | ((x + y) & 0xFF));
            }
        }
        return img;
    }

    /** Writes an RGB PNG of {@link #gradient}. */
    public static Path rgbPng(Path file, int w, int h) {
        PngFiles.writeRgb(file, gradient(w, h));
        return file;
    }

    /** Writes an 8-bit gray PNG whose pixel values are {@code values} (row-major). */
    public static Path grayPng(Path file, int w, int h, int... values) {
        byte[] data = new byte[w * h];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) values[i % values.length];
        }
        PngFiles.writeIndexMask(file, new LabelMask(w, h, data));
        return file;
    }

    /** Writes an 8-bit palette PNG with the given indices and a palette of arbitrary colours. */
    public static Path palettePng(Path file, int w, int h, int... indices) {
        byte[] r = new byte[256];
        byte[] g = new byte[256];
        byte[] b = new byte[256];
        for (int i = 0; i < 256; i++) {
            r[i] = (byte) (255 - i);
            g[i] = (byte) (i * 7);
            b[i] = (byte) 33;
        }
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, r, g, b));
        for (int i = 0; i < w * h; i++) {
            img.getRaster().setSample(i % w, i / w, 0, indices[i % indices.length]);
        }
        return writeImageIo(file, img, "png");
    }

    /** Writes an RGB PNG whose pixels are the given {@code 0xRRGGBB} colours (row-major). */
    public static Path colourPng(Path file, int w, int h, int... colours) {
        RgbImage img = RgbImage.blank(w, h);
        for (int i = 0; i < w * h; i++) {
            img.setRgb(i % w, i / w, colours[i % colours.length]);
        }
        PngFiles.writeRgb(file, img);
        return file;
    }

    /** Writes any image with ImageIO in the given format. */
    public static Path writeImageIo(Path file, BufferedImage img, String format) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (!ImageIO.write(img, format, file.toFile())) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Cuts a file down to {@code keep} bytes. */
    public static Path truncate(Path file, int keep) throws IOException {
        byte[] all = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(all, keep));
        return file;
    }

    /**
     * Writes a PNG whose header declares {@code w x h} RGB pixels but whose data is only a few
     * bytes: decoding it would need gigabytes, reading the header costs nothing.
     */
    public static Path hugeDeclaredPng(Path file, int w, int h) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(w).putInt(h).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01});
        chunk(out, "IEND", new byte[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, out.toByteArray());
        return file;
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(t);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
