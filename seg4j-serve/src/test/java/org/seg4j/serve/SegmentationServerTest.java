package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seg4j.serve.ServeFixtures.get;
import static org.seg4j.serve.ServeFixtures.post;
import static org.seg4j.serve.ServeFixtures.postMultipart;
import static org.seg4j.serve.ServeFixtures.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.TestModels;
import org.seg4j.util.Json;

/** The API over a real server on a free loopback port, with a model whose answer is known exactly. */
class SegmentationServerTest {

    @TempDir
    static Path tmp;

    private static SegmentationServer server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        Path model = TestModels.saveModel(tmp.resolve("rgb"), TestModels.POINTWISE, 32, 1.0);
        ServeOptions options = ServeOptions.defaults().withPort(0).withMaxBodyBytes(256 * 1024)
                .withMaxPixels(200_000).withMaxMetadataBytes(64 * 1024).withMaxBatch(4).withMaxWaitMs(2);
        server = SegmentationServer.start(List.of(ModelSource.parse("rgb=" + model)), options);
        assertThat(server.awaitModels(Duration.ofSeconds(60))).isTrue();
        base = server.url();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void listsModelsWithClassesAndInputSize() throws Exception {
        HttpResponse<byte[]> r = get(base + "v1/models");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode m = Json.JSON.readTree(r.body()).get("models").get(0);
        assertThat(m.get("name").asText()).isEqualTo("rgb");
        assertThat(m.get("state").asText()).isEqualTo("ready");
        assertThat(m.get("architecture").asText()).isEqualTo(TestModels.POINTWISE);
        assertThat(m.get("engine").asText()).isEqualTo("djl");
        assertThat(m.get("input_size").get("width").asInt()).isEqualTo(32);
        assertThat(m.get("classes").get(1).get("name").asText()).isEqualTo("green");
        assertThat(m.get("classes").get(1).get("color").asText()).isEqualTo("#00ff00");
    }

    @Test
    void jsonSummaryCountsEveryClassExactly() throws Exception {
        RgbImage img = TestModels.randomImage(53, 41, 11);
        HttpResponse<byte[]> r = post(base + "v1/models/rgb/segment?format=json", ServeFixtures.png(img));
        assertThat(r.statusCode()).as(text(r)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = Json.JSON.readTree(r.body());
        assertThat(body.get("width").asInt()).isEqualTo(53);
        assertThat(body.get("height").asInt()).isEqualTo(41);
        assertThat(body.get("time_ms").asDouble()).isPositive();
        long[] expected = new long[3];
        for (byte b : TestModels.dominantChannel(img)) {
            expected[b]++;
        }
        for (int c = 0; c < 3; c++) {
            JsonNode cls = body.get("classes").get(c);
            assertThat(cls.get("pixels").asLong()).isEqualTo(expected[c]);
            assertThat(cls.get("share").asDouble()).isEqualTo(expected[c] / (53.0 * 41));
        }
    }

    @Test
    void imageFormatsFromRawAndMultipartBodies() {
        RgbImage img = TestModels.randomImage(30, 20, 12);
        byte[] expected = TestModels.dominantChannel(img);
        byte[] png = ServeFixtures.png(img);

        BufferedImage mask = ServeFixtures.image(post(base + "v1/models/rgb/segment?format=mask", png));
        assertThat(mask.getWidth()).isEqualTo(30);
        byte[] ids = new byte[30 * 20];
        mask.getRaster().getDataElements(0, 0, 30, 20, ids);
        assertThat(ids).isEqualTo(expected);

        HttpResponse<byte[]> color = postMultipart(base + "v1/models/rgb/segment", png, "format", "color");
        assertThat(color.statusCode()).as(text(color)).isEqualTo(200);
        assertThat(color.headers().firstValue("Content-Type").orElse("")).isEqualTo("image/png");
        BufferedImage c = ServeFixtures.image(color);
        int[] palette = {0xFF0000, 0x00FF00, 0x0000FF};
        assertThat(c.getRGB(7, 3) & 0xFFFFFF).isEqualTo(palette[expected[3 * 30 + 7]]);

        BufferedImage overlay = ServeFixtures.image(post(base + "v1/models/rgb/segment?format=overlay&alpha=1", png));
        assertThat(overlay.getRGB(7, 3) & 0xFFFFFF).isEqualTo(palette[expected[3 * 30 + 7]]);
        BufferedImage plain = ServeFixtures.image(post(base + "v1/models/rgb/segment?format=overlay&alpha=0", png));
        assertThat(plain.getRGB(7, 3) & 0xFFFFFF).isEqualTo(img.rgb(7, 3));

        BufferedImage cut = ServeFixtures.image(postMultipart(base + "v1/models/rgb/segment?format=cutout", png,
                "classes", "green,2"));
        for (int i = 0; i < expected.length; i++) {
            // soft alpha: 255 x P(green or class 2), above one half exactly where they win
            int alpha = cut.getRGB(i % 30, i / 30) >>> 24;
            assertThat(alpha > 127).isEqualTo(expected[i] != 0);
        }
    }

    @Test
    void grayJpegAndBmpInputsWork() throws Exception {
        HttpResponse<byte[]> gray = post(base + "v1/models/rgb/segment", ServeFixtures.grayPng(40, 30));
        assertThat(gray.statusCode()).as(text(gray)).isEqualTo(200);
        // gray pixels have equal channels: the first channel (red) wins every tie
        assertThat(Json.JSON.readTree(gray.body()).get("classes").get(0).get("share").asDouble()).isEqualTo(1.0);
        BufferedImage rgb = BufferedImages.toBufferedImage(TestModels.randomImage(33, 17, 13));
        for (String format : new String[] {"jpeg", "bmp"}) {
            HttpResponse<byte[]> r = post(base + "v1/models/rgb/segment", ServeFixtures.encode(rgb, format));
            assertThat(r.statusCode()).as(format + ": " + text(r)).isEqualTo(200);
            assertThat(Json.JSON.readTree(r.body()).get("width").asInt()).isEqualTo(33);
        }
    }

    @Test
    void everyBadInputGetsItsOwnStatusAndAJsonMessage() throws Exception {
        byte[] png = ServeFixtures.png(TestModels.randomImage(16, 16, 14));
        expectError(post(base + "v1/models/nope/segment", png), 404, "unknown_model", "no model named 'nope'");
        expectError(post(base + "v1/models/rgb/segment?format=gif", png), 400, "bad_parameter", "unknown format");
        expectError(post(base + "v1/models/rgb/segment?format=overlay&alpha=2", png), 400, "bad_parameter", "alpha");
        expectError(post(base + "v1/models/rgb/segment?format=cutout&classes=sky", png), 400, "bad_parameter",
                "unknown class 'sky'");
        expectError(post(base + "v1/models/rgb/segment", new byte[300 * 1024]), 413, "body_too_large", "262144");
        expectError(postMultipart(base + "v1/models/rgb/segment", new byte[300 * 1024]), 413, "body_too_large", "");
        // without Content-Length (chunked), the cap applies while reading
        expectError(ServeFixtures.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base
                + "v1/models/rgb/segment")).POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(new byte[300 * 1024]))).build()), 413,
                "body_too_large", "262144");
        long t0 = System.nanoTime();
        expectError(post(base + "v1/models/rgb/segment", ServeFixtures.declaredSizePng(100_000, 100_000)), 422,
                "too_many_pixels", "100000x100000");
        assertThat((System.nanoTime() - t0) / 1e6).isLessThan(1000);
        expectError(post(base + "v1/models/rgb/segment", ServeFixtures.withChunkAfterHeader(png,
                ServeFixtures.chunk("zTXt", ServeFixtures.compressedMetadata("Comment", 32 << 20)))), 422,
                "metadata_too_large", "");
        expectError(post(base + "v1/models/rgb/segment", Arrays.copyOf(png, png.length - 30)), 400, "corrupt_image",
                "truncated");
        expectError(post(base + "v1/models/rgb/segment", "GIF89a\1\0\1\0\0\0\0".getBytes()), 415,
                "unsupported_format", "GIF");
        expectError(post(base + "v1/models/rgb/segment", new byte[0]), 400, "empty_body", "");
        expectError(get(base + "no/such/page"), 404, "not_found", "");
        // a model name can never reach the file system: only names from the command line exist
        expectError(post(base + "v1/models/..%2F..%2Fetc/segment", png), 404, "", "");
    }

    @Test
    void healthReadinessMetricsAndPage() {
        assertThat(get(base + "healthz").statusCode()).isEqualTo(200);
        HttpResponse<byte[]> ready = get(base + "readyz");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(text(ready)).contains("\"ready\" : true");
        post(base + "v1/models/rgb/segment", ServeFixtures.png(TestModels.randomImage(8, 8, 15)));
        post(base + "v1/models/nope/segment", new byte[1]);
        String metrics = text(get(base + "metrics"));
        assertThat(metrics).contains("# TYPE seg4j_http_requests_total counter")
                .contains("seg4j_http_requests_total{route=\"/v1/models/{name}/segment\",status=\"200\"}")
                .contains("seg4j_errors_total{kind=\"unknown_model\"}")
                .contains("seg4j_request_duration_seconds_bucket{model=\"rgb\",le=\"+Inf\"}")
                .contains("seg4j_batch_size_count{model=\"rgb\"}")
                .contains("seg4j_queue_depth{model=\"rgb\"} 0")
                .contains("seg4j_model_ready{model=\"rgb\"} 1");
        HttpResponse<byte[]> page = get(base);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(text(page)).contains("<canvas id=\"overlay\"").contains("id=\"legend\"");
    }

    @Test
    void concurrentRequestsAreBatchedAndEachGetsItsOwnAnswer() throws Exception {
        int n = 12;
        RgbImage[] images = new RgbImage[n];
        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> futures = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            images[i] = TestModels.randomImage(24 + i % 3, 20, 100 + i); // three sizes in one batch
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "v1/models/rgb/segment?format=mask"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(ServeFixtures.png(images[i]))).build();
            futures.add(ServeFixtures.HTTP.sendAsync(req, HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (int i = 0; i < n; i++) {
            HttpResponse<byte[]> r = futures.get(i).get();
            assertThat(r.statusCode()).isEqualTo(200);
            BufferedImage mask = ServeFixtures.image(r);
            byte[] ids = new byte[mask.getWidth() * mask.getHeight()];
            mask.getRaster().getDataElements(0, 0, mask.getWidth(), mask.getHeight(), ids);
            assertThat(ids).as("request %d", i).isEqualTo(TestModels.dominantChannel(images[i]));
        }
    }

    static void expectError(HttpResponse<byte[]> r, int status, String kind, String messagePart) throws Exception {
        assertThat(r.statusCode()).as(text(r)).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode body = Json.JSON.readTree(r.body());
        assertThat(body.get("status").asInt()).isEqualTo(status);
        if (!kind.isEmpty()) {
            assertThat(body.get("error").asText()).isEqualTo(kind);
        }
        assertThat(body.get("message").asText()).contains(messagePart);
    }
}
