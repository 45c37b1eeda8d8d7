package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.ExifFixtures;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.TestModels;

class ImageDecoderTest {

    private final ImageDecoder decoder = new ImageDecoder(4_000_000, 64 * 1024);

    @Test
    void decodesPngJpegBmpInRgbAndGray() {
        RgbImage img = TestModels.randomImage(37, 23, 1);
        assertThat(decoder.decode(ServeFixtures.png(img)).data()).isEqualTo(img.data());
        byte[] bmp = ServeFixtures.encode(BufferedImages.toBufferedImage(img), "bmp");
        assertThat(decoder.decode(bmp).data()).isEqualTo(img.data());
        RgbImage jpeg = decoder.decode(ServeFixtures.encode(BufferedImages.toBufferedImage(img), "jpeg"));
        assertThat(jpeg.width()).isEqualTo(37);
        assertThat(jpeg.height()).isEqualTo(23);

        RgbImage gray = decoder.decode(ServeFixtures.grayPng(10, 4));
        assertThat(gray.get(3, 2, 0)).isEqualTo(27).isEqualTo(gray.get(3, 2, 1)).isEqualTo(gray.get(3, 2, 2));
    }

    @Test
    void appliesTheExifOrientationOfAJpeg() throws IOException {
        BufferedImage stored = new BufferedImage(30, 10, BufferedImage.TYPE_INT_RGB);
        RgbImage upright = decoder.decode(ExifFixtures.jpegWithOrientation(stored, 8));
        assertThat(upright.width()).isEqualTo(10);
        assertThat(upright.height()).isEqualTo(30);
    }

    @Test
    void refusesUnsupportedAndEmptyBodies() {
        assertStatus(new byte[0], 400, "empty_body");
        ApiException gif = assertStatus("GIF89a\1\0\1\0".getBytes(), 415, "unsupported_format");
        assertThat(gif.getMessage()).contains("GIF").contains("PNG, JPEG, BMP");
        assertStatus("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(), 415, "unsupported_format");
        // a valid PNG's bytes after a junk prefix are not recognised: only the first bytes count
        byte[] junk = new byte[100];
        assertStatus(junk, 415, "unsupported_format");
    }

    @Test
    void refusesTruncatedImages() {
        RgbImage img = TestModels.randomImage(64, 64, 2);
        byte[] png = ServeFixtures.png(img);
        assertThat(assertStatus(Arrays.copyOf(png, png.length / 2), 400, "corrupt_image").getMessage())
                .contains("truncated");
        byte[] jpeg = ServeFixtures.encode(BufferedImages.toBufferedImage(img), "jpeg");
        assertStatus(Arrays.copyOf(jpeg, jpeg.length / 2), 400, "corrupt_image");
        assertStatus(Arrays.copyOf(png, 20), 400, "corrupt_image");
    }

    @Test
    void pngDecompressionBombIsRefusedFromItsHeaderInMilliseconds() {
        byte[] bomb = ServeFixtures.declaredSizePng(100_000, 100_000);
        assertThat(bomb.length).isLessThan(1000);
        decoder.decode(ServeFixtures.png(TestModels.randomImage(8, 8, 3))); // warm up the classes
        long allocated = allocatedBytes();
        long t0 = System.nanoTime();
        ApiException e = assertStatus(bomb, 422, "too_many_pixels");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        long used = allocatedBytes() - allocated;
        assertThat(e.getMessage()).contains("100000x100000").contains("nothing was decoded");
        assertThat(ms).isLessThan(200);
        assertThat(used).as("bytes allocated while refusing").isLessThan(2_000_000);
    }

    @Test
    void bmpAndJpegHeadersOverTheLimitAreRefused() {
        assertStatus(ServeFixtures.declaredSizeBmp(30_000, 30_000), 422, "too_many_pixels");
        // 2001 x 2001 > 4 MP: a real JPEG whose header is over the limit
        java.awt.image.BufferedImage big = new java.awt.image.BufferedImage(2001, 2001,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        assertStatus(ServeFixtures.encode(big, "jpeg"), 422, "too_many_pixels");
    }

    @Test
    void pngMetadataThatInflatesTooFarIsRefusedWithoutTheMemory() {
        byte[] png = ServeFixtures.png(TestModels.randomImage(16, 16, 4));
        for (String type : new String[] {"zTXt", "iCCP"}) {
            byte[] bomb = ServeFixtures.withChunkAfterHeader(png,
                    ServeFixtures.chunk(type, ServeFixtures.compressedMetadata("Comment", 64 << 20)));
            assertThat(bomb.length).isLessThan(200_000);
            long allocated = allocatedBytes();
            ApiException e = assertStatus(bomb, 422, "metadata_too_large");
            assertThat(allocatedBytes() - allocated).as(type + ": bytes allocated").isLessThan(4_000_000);
            assertThat(e.getMessage()).contains("65536 bytes");
        }
        // small metadata is fine
        byte[] ok = ServeFixtures.withChunkAfterHeader(png,
                ServeFixtures.chunk("zTXt", ServeFixtures.compressedMetadata("Comment", 1000)));
        assertThat(decoder.decode(ok).width()).isEqualTo(16);
        // many plain text chunks add up
        byte[] text = png;
        for (int i = 0; i < 5; i++) {
            text = ServeFixtures.withChunkAfterHeader(text, ServeFixtures.chunk("tEXt", new byte[20_000]));
        }
        assertStatus(text, 422, "metadata_too_large");
    }

    private ApiException assertStatus(byte[] body, int status, String kind) {
        ApiException e = catchThrowableOfType(ApiException.class, () -> decoder.decode(body));
        assertThat(e).as("expected %d %s", status, kind).isNotNull();
        assertThat(e.status()).as(e.getMessage()).isEqualTo(status);
        assertThat(e.kind()).isEqualTo(kind);
        return e;
    }

    private static long allocatedBytes() {
        var bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        return bean.getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
