package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seg4j.serve.SegmentationServerTest.expectError;
import static org.seg4j.serve.ServeFixtures.get;
import static org.seg4j.serve.ServeFixtures.text;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.infer.TestModels;

/** Queue limits, time limits and load failures, with a model that runs only when the test lets it. */
class BackPressureTest {

    @TempDir
    Path tmp;

    private SegmentationServer server;

    @AfterEach
    void stop() {
        GatedModel.open();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fullQueueAnswers429AtOnceWithRetryAfter() throws Exception {
        server = start(ServeOptions.defaults().withPort(0).withMaxBatch(1).withQueueSize(2).withMaxWaitMs(0));
        String url = server.url() + "v1/models/gated/segment";
        byte[] png = ServeFixtures.png(TestModels.randomImage(16, 16, 1));
        GatedModel.close();
        int before = GatedModel.passes();
        List<CompletableFuture<HttpResponse<byte[]>>> held = new ArrayList<>();
        held.add(async(url, png));
        waitUntil(() -> GatedModel.passes() > before); // the batcher is busy with the first image
        held.add(async(url, png));
        held.add(async(url, png));
        waitUntil(() -> text(get(server.url() + "metrics")).contains("seg4j_queue_depth{model=\"gated\"} 2"));

        long t0 = System.nanoTime();
        HttpResponse<byte[]> refused = ServeFixtures.post(url, png);
        assertThat((System.nanoTime() - t0) / 1e6).as("429 comes at once").isLessThan(2000);
        expectError(refused, 429, "queue_full", "retry");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

        GatedModel.open();
        for (CompletableFuture<HttpResponse<byte[]>> f : held) {
            assertThat(f.get().statusCode()).as(text(f.get())).isEqualTo(200);
        }
        assertThat(text(get(server.url() + "metrics"))).contains("seg4j_errors_total{kind=\"queue_full\"} 1");
    }

    @Test
    void requestOverItsTimeLimitAnswers504() throws Exception {
        server = start(ServeOptions.defaults().withPort(0).withMaxBatch(1).withTimeoutMs(300));
        String url = server.url() + "v1/models/gated/segment";
        GatedModel.close();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> r = ServeFixtures.post(url, ServeFixtures.png(TestModels.randomImage(16, 16, 2)));
        double ms = (System.nanoTime() - t0) / 1e6;
        expectError(r, 504, "timeout", "300 ms");
        assertThat(ms).isBetween(250.0, 5000.0);
        GatedModel.open();
        // the server is still healthy afterwards
        HttpResponse<byte[]> ok = ServeFixtures.post(url, ServeFixtures.png(TestModels.randomImage(16, 16, 3)));
        assertThat(ok.statusCode()).as(text(ok)).isEqualTo(200);
    }

    @Test
    void modelThatFailsToLoadLeavesTheServerUpButNotReady() throws Exception {
        Path good = TestModels.saveModel(tmp.resolve("good"), TestModels.POINTWISE, 32, 1.0);
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.copy(good.resolve("model.json"), broken.resolve("model.json"));
        Files.writeString(broken.resolve("weights.params"), "not weights");
        server = SegmentationServer.start(List.of(ModelSource.parse("good=" + good), ModelSource.parse("bad=" + broken)),
                ServeOptions.defaults().withPort(0));
        assertThat(server.awaitModels(Duration.ofSeconds(60))).isFalse();
        assertThat(server.failures()).containsOnlyKeys("bad");

        HttpResponse<byte[]> ready = get(server.url() + "readyz");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(text(ready)).contains("\"good\" : \"ready\"").contains("failed: ").contains("broken");
        assertThat(get(server.url() + "healthz").statusCode()).isEqualTo(200);
        byte[] png = ServeFixtures.png(TestModels.randomImage(8, 8, 4));
        expectError(ServeFixtures.post(server.url() + "v1/models/bad/segment", png), 503, "model_failed",
                "failed to load");
        assertThat(ServeFixtures.post(server.url() + "v1/models/good/segment", png).statusCode()).isEqualTo(200);
        assertThat(text(get(server.url() + "v1/models"))).contains("\"state\" : \"failed\"");
    }

    private SegmentationServer start(ServeOptions options) throws Exception {
        Path dir = GatedModel.save(tmp.resolve("gated"));
        SegmentationServer s = SegmentationServer.start(List.of(ModelSource.parse("gated=" + dir)), options);
        assertThat(s.awaitModels(Duration.ofSeconds(60))).isTrue();
        return s;
    }

    private static CompletableFuture<HttpResponse<byte[]>> async(String url, byte[] body) {
        return ServeFixtures.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.sleep(10);
        }
    }
}
