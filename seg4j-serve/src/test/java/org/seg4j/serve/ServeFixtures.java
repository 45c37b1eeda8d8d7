package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.ImageIO;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Images;
import org.seg4j.util.Json;

/** Images, hostile files and an HTTP client for the serving tests. */
final class ServeFixtures {

    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private ServeFixtures() {}

    static byte[] png(RgbImage image) {
        return Images.encodePng(BufferedImages.toBufferedImage(image));
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An 8-bit gray PNG whose pixel (x, y) is {@code (x * 7 + y * 3) % 256}. */
    static byte[] grayPng(int w, int h) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 7 + y * 3) % 256);
            }
        }
        return encode(img, "png");
    }

    /** A PNG chunk with its length and CRC. */
    static byte[] chunk(String type, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = type.getBytes(StandardCharsets.ISO_8859_1);
        writeInt(out, data.length);
        out.writeBytes(t);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        writeInt(out, (int) crc.getValue());
        return out.toByteArray();
    }

    /** A tiny PNG (a few hundred bytes) whose header declares {@code w x h} RGB pixels. */
    static byte[] declaredSizePng(int w, int h) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        writeInt(ihdr, w);
        writeInt(ihdr, h);
        ihdr.writeBytes(new byte[] {8, 2, 0, 0, 0});
        out.writeBytes(chunk("IHDR", ihdr.toByteArray()));
        out.writeBytes(chunk("IDAT", deflate(new byte[4096])));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    /** {@code png} with {@code extra} inserted right after its IHDR chunk. */
    static byte[] withChunkAfterHeader(byte[] png, byte[] extra) {
        int at = 8 + 8 + 13 + 4;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, at);
        out.writeBytes(extra);
        out.write(png, at, png.length - at);
        return out.toByteArray();
    }

    /** Chunk data of {@code name NUL method(0) zlib(zeros)}: a zTXt or iCCP that inflates to {@code size} bytes. */
    static byte[] compressedMetadata(String name, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(name.getBytes(StandardCharsets.ISO_8859_1));
        out.write(0);
        out.write(0);
        out.writeBytes(deflate(new byte[size]));
        return out.toByteArray();
    }

    static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(9);
        d.setInput(data);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[1 << 16];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }

    /** A 54-byte BMP header declaring {@code w x h} 24-bit pixels, with no pixel data. */
    static byte[] declaredSizeBmp(int w, int h) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(54).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'B').put((byte) 'M').putInt(54).putInt(0).putInt(54);
        b.putInt(40).putInt(w).putInt(h).putShort((short) 1).putShort((short) 24).putInt(0).putInt(0)
                .putInt(2835).putInt(2835).putInt(0).putInt(0);
        return b.array();
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v >>> 24);
        out.write(v >>> 16);
        out.write(v >>> 8);
        out.write(v);
    }

    static HttpResponse<byte[]> post(String url, byte[] body) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** A multipart/form-data POST with the image in field {@code image} and extra text fields (name, value, ...). */
    static HttpResponse<byte[]> postMultipart(String url, byte[] image, String... fields) {
        String boundary = "seg4jTestBoundary" + System.nanoTime();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i]
                    + "\"\r\n\r\n" + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"x.png\"\r\n"
                + "Content-Type: image/png\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(image);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())).build());
    }

    static HttpResponse<byte[]> get(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).GET().build());
    }

    static HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    static BufferedImage image(HttpResponse<byte[]> response) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> lines(String text) {
        return text.lines().toList();
    }

    /** The JSON body of an answer, after checking its status (the body is the failure message). */
    static JsonNode answer(HttpResponse<byte[]> r, int status) throws IOException {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
        return Json.JSON.readTree(r.body());
    }

    /** The PNG of a 200 answer, after checking its status and content type. */
    static BufferedImage okPng(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(r.statusCode() == 200 ? "" : text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        return image(r);
    }

    /** The samples of a one-band image (8- or 16-bit). */
    static int[] bandSamples(BufferedImage img) {
        assertThat(img.getRaster().getNumBands()).isEqualTo(1);
        return img.getRaster().getPixels(0, 0, img.getWidth(), img.getHeight(), (int[]) null);
    }

    /** The ARGB pixels of an image, row-major. */
    static int[] argb(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    /** The texts of a JSON array. */
    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
