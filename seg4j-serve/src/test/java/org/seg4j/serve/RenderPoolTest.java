package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seg4j.serve.PixelBudgetTest.waitUntil;
import static org.seg4j.serve.SegmentationServerTest.expectError;
import static org.seg4j.serve.ServeFixtures.text;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.infer.TestModels;

/** Encoding answers runs on the render pool only; a full pool answers 503 instead of stalling a batcher. */
class RenderPoolTest {

    @TempDir
    Path tmp;

    private final CountDownLatch gate = new CountDownLatch(1);
    private final Set<String> renderThreads = ConcurrentHashMap.newKeySet();
    private SegmentationServer server;

    @AfterEach
    void stop() {
        gate.countDown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void fullRenderQueueAnswers503AndTheBatcherNeverRenders() throws Exception {
        Path model = TestModels.saveModel(tmp.resolve("rgb"), TestModels.POINTWISE, 32, 1.0);
        // 2 render threads and a render queue of queue size (1) + max batch (1) = 2: four answers fill it
        ServeOptions options = ServeOptions.defaults().withPort(0).withThreads(2).withQueueSize(1).withMaxBatch(1)
                .withMaxWaitMs(0);
        server = SegmentationServer.start(List.of(ModelSource.parse("rgb=" + model)), options,
                (request, name, result, totalMs, decodeMs) -> {
                    renderThreads.add(Thread.currentThread().getName());
                    try {
                        if (!gate.await(20, TimeUnit.SECONDS)) {
                            throw new IllegalStateException("render gate never opened");
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return Responses.render(request, name, result, totalMs, decodeMs);
                });
        assertThat(server.awaitModels(Duration.ofSeconds(60))).isTrue();
        String url = server.url() + "v1/models/rgb/segment?format=mask";
        byte[] png = ServeFixtures.png(TestModels.randomImage(16, 16, 1));

        List<CompletableFuture<HttpResponse<byte[]>>> held = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            held.add(async(url, png));
            int passes = i;
            waitUntil(() -> text(ServeFixtures.get(server.url() + "metrics"))
                    .contains("seg4j_batch_size_count{model=\"rgb\"} " + passes));
        }
        long t0 = System.nanoTime();
        HttpResponse<byte[]> refused = async(url, png).get(10, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - t0) / 1e6).as("503 comes at once").isLessThan(5000);
        expectError(refused, 503, "render_busy", "retry");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");

        gate.countDown();
        for (CompletableFuture<HttpResponse<byte[]>> f : held) {
            assertThat(f.get(20, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(renderThreads).isNotEmpty().allMatch(name -> name.startsWith("seg4j-render"));
        waitUntil(() -> server.reservedPixelBytes() == 0);
    }

    private static CompletableFuture<HttpResponse<byte[]>> async(String url, byte[] body) {
        return ServeFixtures.HTTP.sendAsync(HttpRequest.newBuilder(URI.create(url))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
