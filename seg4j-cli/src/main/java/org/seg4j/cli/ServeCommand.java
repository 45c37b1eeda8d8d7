package org.seg4j.cli;

import ai.djl.engine.Engine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.infer.InferenceEngine;
import org.seg4j.serve.ComponentMethod;
import org.seg4j.serve.ModelSource;
import org.seg4j.serve.SegmentationServer;
import org.seg4j.serve.ServeOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j serve}: the HTTP API and web page over one or more model directories. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serves models over HTTP: JSON API, web page at /, Prometheus metrics at /metrics.",
            "Binds to 127.0.0.1 unless --host says otherwise. Ctrl-C stops it."})
final class ServeCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "[NAME=]DIR",
            description = "Model directory to serve, optionally named (repeatable). A run directory with the model"
                    + " in model/ works too.")
    List<String> models = new ArrayList<>();

    @Option(names = "--host", defaultValue = ServeOptions.DEFAULT_HOST,
            description = "Address to bind (default: ${DEFAULT-VALUE}; 0.0.0.0 opens it to the network).")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--max-batch", description = "Most images per forward pass (default: 1 on CPU, where batching"
            + " measured slower (docs/serving.md); 8 on a GPU).")
    Integer maxBatch;

    @Option(names = "--max-wait-ms", defaultValue = "5",
            description = "How long a batch waits for more images after its first (default: ${DEFAULT-VALUE}).")
    int maxWaitMs;

    @Option(names = "--queue-size", defaultValue = "64",
            description = "Images waiting per model before requests get 429 (default: ${DEFAULT-VALUE}).")
    int queueSize;

    @Option(names = "--max-body-bytes", defaultValue = "20971520",
            description = "Largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--max-pixels", defaultValue = "25000000",
            description = "Largest image, from its header, before decoding; larger ones get 422 (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--max-metadata-bytes", defaultValue = "1048576",
            description = "Largest total of PNG text/ICC chunks once inflated; more gets 422 (default: ${DEFAULT-VALUE}).")
    long maxMetadataBytes;

    @Option(names = "--timeout-ms", defaultValue = "30000",
            description = "Time limit per request; slower ones get 504 (default: ${DEFAULT-VALUE}).")
    int timeoutMs;

    @Option(names = "--threads", defaultValue = "8",
            description = "HTTP worker threads for reading and decoding, and as many for encoding answers"
                    + " (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--max-pixel-bytes", defaultValue = "1073741824",
            description = "Budget for decoded images held at once (decoding, queued, in inference, rendering),"
                    + " 8 bytes a pixel; requests beyond it get 429 (default: ${DEFAULT-VALUE}, 1 GiB).")
    long maxPixelBytes;

    @Option(names = "--read-timeout-ms", defaultValue = "10000",
            description = "Time to receive a request body; slower uploads get 408 (default: ${DEFAULT-VALUE}).")
    int readTimeoutMs;

    @Option(names = "--engine", defaultValue = "djl",
            description = "What runs the seg4j models' forward passes: djl (PyTorch through DJL, CPU or GPU) or "
                    + "onnxruntime (their ONNX export on the CPU, made once and cached in <model>/cache/; "
                    + "docs/performance.md) (default: ${DEFAULT-VALUE}).")
    String engine;

    @Mixin
    PanopticOptions instanceOptions = new PanopticOptions();

    @Mixin
    ComponentOptions components = new ComponentOptions();

    /** 1 on CPU, where stacking images measured slower than one at a time; 8 with a GPU. */
    static int defaultMaxBatch() {
        return Engine.getInstance().getGpuCount() > 0 ? 8 : 1;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServeOptions options;
        try {
            options = new ServeOptions(host, port, maxBatch != null ? maxBatch : defaultMaxBatch(), maxWaitMs,
                    queueSize, maxBodyBytes, maxPixels, maxMetadataBytes, timeoutMs, threads, maxPixelBytes,
                    readTimeoutMs).withMinScore(instanceOptions.minScore).withStuffArea(instanceOptions.stuffArea);
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(e.getMessage(), e);
        }
        InferenceEngine inferenceEngine = InferenceEngine.parse(engine);
        ComponentMethod method = components.toServe();
        List<ModelSource> sources = models.stream()
                .map(m -> ModelSource.parse(m).withEngine(inferenceEngine).withComponents(method)).toList();
        SegmentationServer server = SegmentationServer.start(sources, options);
        Thread hook = new Thread(() -> {
            System.err.println("seg4j serve: shutting down");
            server.close();
        }, "seg4j-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("seg4j serve: loading " + sources.size() + " model(s) at " + server.url());
        boolean ready = server.awaitModels(Duration.ofMinutes(10));
        for (Map.Entry<String, String> f : server.failures().entrySet()) {
            System.out.println("seg4j serve: model '" + f.getKey() + "' failed to load: " + f.getValue());
        }
        System.out.println((ready ? "seg4j serve: ready at " : "seg4j serve: up but NOT ready (see /readyz) at ")
                + server.url());
        System.out.flush();
        server.join();
        return 0;
    }
}
