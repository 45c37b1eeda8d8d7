package org.seg4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.BufferedImages;
import org.seg4j.infer.Images;
import org.seg4j.infer.TestModels;
import org.seg4j.serve.ModelSource;
import org.seg4j.serve.SegmentationServer;
import org.seg4j.serve.ServeOptions;

/**
 * A bounded load test on loopback: 16 concurrent clients send 256x256 PNGs to a tiny model for a
 * fixed number of requests under a time limit; every answer must be 200 (the queue is large enough
 * that no 429 is expected). The full-size measurement (16 x 200 requests, batching against batch
 * size 1) is {@code seg4j bench serve}; see docs/serving.md.
 */
class LoadGeneratorTest {

    @TempDir
    Path tmp;

    @Test
    void sixteenClientsGetOnlyCorrectAnswers() throws Exception {
        Path model = TestModels.saveModel(tmp.resolve("rgb"), TestModels.POINTWISE, 32, 1.0);
        byte[] png = Images.encodePng(BufferedImages.toBufferedImage(TestModels.randomImage(256, 256, 21)));
        ServeOptions options = ServeOptions.defaults().withPort(0).withMaxBatch(8).withQueueSize(64).withThreads(16);
        try (SegmentationServer server = SegmentationServer.start(List.of(ModelSource.parse("rgb=" + model)), options)) {
            assertThat(server.awaitModels(Duration.ofSeconds(60))).isTrue();
            URI uri = URI.create(server.url() + "v1/models/rgb/segment?format=json");
            LoadGenerator.Report r = LoadGenerator.run(uri, png, 16, 12, Duration.ofSeconds(60));
            System.out.println("ServeLoadTest: " + r.summary());
            assertThat(r.firstError()).isNull();
            assertThat(r.errors()).isZero();
            assertThat(r.rejected()).isZero();
            assertThat(r.ok()).isEqualTo(16 * 12);
            assertThat(r.p99Ms()).isGreaterThanOrEqualTo(r.p50Ms());
            assertThat(server.metrics().requestCount("/v1/models/{name}/segment", 200)).isEqualTo(16 * 12);
        }
    }

    @Test
    void percentileIsNearestRank() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(LoadGenerator.percentile(v, 0.5)).isEqualTo(5);
        assertThat(LoadGenerator.percentile(v, 0.99)).isEqualTo(10);
        assertThat(LoadGenerator.percentile(new double[0], 0.5)).isNaN();
    }
}
