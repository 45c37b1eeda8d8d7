package org.seg4j.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.RgbImage;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.infer.Images;
import org.seg4j.bench.LoadGenerator;
import org.seg4j.serve.ModelSource;
import org.seg4j.serve.SegmentationServer;
import org.seg4j.serve.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seg4j bench serve}: a bounded load test of the HTTP server on loopback, with dynamic
 * batching and, in the same run, with a batch size of 1.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load test of seg4j serve on loopback: batching against batch size 1, same run.")
final class ServeBenchCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model directory.")
    String model;

    @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--requests", defaultValue = "200", description = "Requests per client (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--size", defaultValue = "256", description = "Side of the square test images (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--max-batch", defaultValue = "8", description = "Batch size of the batching run (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "5", description = "Batching wait (default: ${DEFAULT-VALUE}).")
    int maxWaitMs;

    @Option(names = "--format", defaultValue = "json", description = "Response format (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--time-limit", defaultValue = "300", description = "Seconds per run at most (default: ${DEFAULT-VALUE}).")
    int timeLimit;

    @Option(names = "--image", description = "Image to send (default: a synthetic street scene of --size).")
    Path image;

    @Option(names = "--single-first", description = "Run the batch-size-1 server first (to check order effects).")
    boolean singleFirst;

    @Override
    public Integer call() throws InterruptedException, IOException {
        byte[] body = image != null ? Files.readAllBytes(image) : syntheticPng(size);
        ModelSource source = ModelSource.parse("bench=" + model);
        LoadGenerator.Report single = singleFirst ? runOnce(source, body, 1) : null;
        LoadGenerator.Report batched = runOnce(source, body, maxBatch);
        if (!singleFirst) {
            single = runOnce(source, body, 1);
        }
        System.out.printf(Locale.ROOT, "throughput ratio, batching (max %d) / batch size 1: %.2f%n", maxBatch,
                batched.throughput() / single.throughput());
        return batched.errors() == 0 && single.errors() == 0 ? 0 : 1;
    }

    private LoadGenerator.Report runOnce(ModelSource source, byte[] body, int batch) throws InterruptedException {
        ServeOptions options = ServeOptions.defaults().withPort(0).withMaxBatch(batch).withMaxWaitMs(maxWaitMs)
                .withThreads(Math.max(8, clients)).withTimeoutMs(120_000);
        try (SegmentationServer server = SegmentationServer.start(List.of(source), options)) {
            if (!server.awaitModels(Duration.ofMinutes(5))) {
                throw new Seg4jException("model did not load: " + server.failures());
            }
            URI uri = URI.create(server.url() + "v1/models/bench/segment?format=" + format);
            // warm-up: a few requests so that the engine's first-call costs are not measured
            LoadGenerator.run(uri, body, 2, 3, Duration.ofSeconds(120));
            LoadGenerator.Report r = LoadGenerator.run(uri, body, clients, requests, Duration.ofSeconds(timeLimit));
            System.out.printf(Locale.ROOT, "max batch %d: %s%n", batch, r.summary());
            if (r.firstError() != null) {
                System.out.println("  first error: " + r.firstError());
            }
            return r;
        }
    }

    private static byte[] syntheticPng(int side) {
        RgbImage img = SyntheticStreetScenes.builder().optSeed(7).optSize(side, side).build().generate(0).image();
        return Images.encodePng(BufferedImages.toBufferedImage(img));
    }
}
