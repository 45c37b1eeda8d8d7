package org.seg4j.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seg4j.serve.SegmentationServerTest.expectError;
import static org.seg4j.serve.ServeFixtures.text;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.BufferedImages;
import org.seg4j.infer.TestModels;

/** The byte budget for decoded pixels: its claims, and a server whose budget holds two small images. */
class PixelBudgetTest {

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
    void claimReturnsItsBytesWhenTheLastHolderLetsGo() {
        PixelBudget budget = new PixelBudget(1000);
        PixelBudget.Claim a = budget.claim();
        a.reserve(10, 10); // 800 bytes
        assertThat(budget.reserved()).isEqualTo(800);
        PixelBudget.Claim b = budget.claim();
        assertThatThrownBy(() -> b.reserve(6, 5)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.kind()).isEqualTo("memory_busy");
            assertThat(e.retryAfterSeconds()).isEqualTo(1);
            assertThat(e.getMessage()).contains("6x5").contains("--max-pixel-bytes");
        });
        b.close();
        Runnable batcher = a.share();
        a.close();
        a.close(); // idempotent
        assertThat(budget.reserved()).as("the batcher still holds it").isEqualTo(800);
        batcher.run();
        batcher.run();
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void requestsBeyondTheBudgetGet429AndEveryPathGivesItBack() throws Exception {
        // 16x16 images reserve 2048 bytes: the budget holds two, not three
        server = start(ServeOptions.defaults().withPort(0).withMaxBatch(1).withMaxWaitMs(0).withMaxPixels(600)
                .withMaxPixelBytes(5000).withTimeoutMs(2000));
        String url = server.url() + "v1/models/gated/segment";
        byte[] png = ServeFixtures.png(TestModels.randomImage(16, 16, 1));
        GatedModel.close();
        int before = GatedModel.passes();
        CompletableFuture<HttpResponse<byte[]>> inFlight = async(url, png);
        waitUntil(() -> GatedModel.passes() > before);
        CompletableFuture<HttpResponse<byte[]>> queued = async(url, png);
        waitUntil(() -> server.reservedPixelBytes() == 4096);

        HttpResponse<byte[]> refused = ServeFixtures.post(url, png);
        expectError(refused, 429, "memory_busy", "16x16");
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(server.reservedPixelBytes()).isEqualTo(4096);
        assertThat(text(ServeFixtures.get(server.url() + "metrics"))).contains("seg4j_pixel_bytes_reserved 4096");

        GatedModel.open();
        assertThat(inFlight.get().statusCode()).as(text(inFlight.get())).isEqualTo(200);
        assertThat(queued.get().statusCode()).as(text(queued.get())).isEqualTo(200);
        waitUntil(() -> server.reservedPixelBytes() == 0);

        // a header that passes (the size is reserved) but pixels that do not decode
        byte[] jpeg = ServeFixtures.encode(BufferedImages.toBufferedImage(TestModels.randomImage(16, 16, 2)), "jpeg");
        expectError(ServeFixtures.post(url, Arrays.copyOf(jpeg, jpeg.length / 2)), 400, "corrupt_image", "");
        assertThat(server.reservedPixelBytes()).isZero();

        // time-outs: the queued image leaves the queue at once; the one in its forward pass stays counted
        GatedModel.close();
        int held = GatedModel.passes();
        CompletableFuture<HttpResponse<byte[]>> slow = async(url, png);
        waitUntil(() -> GatedModel.passes() > held);
        CompletableFuture<HttpResponse<byte[]>> waiting = async(url, png);
        expectError(slow.get(), 504, "timeout", "");
        expectError(waiting.get(), 504, "timeout", "");
        waitUntil(() -> server.reservedPixelBytes() == 2048);
        GatedModel.open();
        waitUntil(() -> server.reservedPixelBytes() == 0);
    }

    @Test
    void optionsRefuseABudgetThatCannotHoldTheLargestImage() {
        assertThatThrownBy(() -> ServeOptions.defaults().withMaxPixelBytes(1000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max pixel bytes (1000)")
                .hasMessageContaining("25000000");
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

    static void waitUntil(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not reached in 10 s");
            }
            Thread.sleep(5);
        }
    }
}
