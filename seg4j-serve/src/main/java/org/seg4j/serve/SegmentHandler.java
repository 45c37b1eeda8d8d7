package org.seg4j.serve;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.seg4j.SegmentationResult;
import org.seg4j.data.RgbImage;

/**
 * {@code POST /v1/models/{name}/segment}: checks the parameters, reads and decodes the upload on the
 * HTTP thread, queues the image for its model's batcher and answers asynchronously, so waiting
 * requests hold no HTTP thread. Encoding the answer runs on {@code renderers}.
 */
final class SegmentHandler {

    static final String ROUTE = "/v1/models/{name}/segment";

    private final Map<String, ServedModel> models;
    private final ServeOptions options;
    private final ImageDecoder decoder;
    private final Metrics metrics;
    private final Executor renderers;

    SegmentHandler(Map<String, ServedModel> models, ServeOptions options, Metrics metrics, Executor renderers) {
        this.models = models;
        this.options = options;
        this.decoder = new ImageDecoder(options.maxPixels(), options.maxMetadataBytes());
        this.metrics = metrics;
        this.renderers = renderers;
    }

    void handle(Context ctx) {
        long arrival = System.nanoTime();
        long deadline = arrival + TimeUnit.MILLISECONDS.toNanos(options.timeoutMs());
        String name = ctx.pathParam("name");
        ServedModel model = models.get(name);
        if (model == null) {
            throw new ApiException(404, "unknown_model", "no model named '" + name + "'; models: "
                    + String.join(", ", models.keySet()));
        }
        byte[] body = RequestBodies.read(ctx, options.maxBodyBytes());
        OutputRequest request = OutputRequest.parse(param(ctx, "format"), param(ctx, "alpha"),
                param(ctx, "classes"), model.classes());
        RgbImage image = decoder.decode(body);
        double decodeMs = (System.nanoTime() - arrival) / 1e6;
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timeout(options.timeoutMs());
        }
        CompletableFuture<Responses.Body> answer = model.submit(image, deadline)
                .orTimeout(left, TimeUnit.NANOSECONDS)
                .thenApplyAsync(mask -> {
                    double totalMs = (System.nanoTime() - arrival) / 1e6;
                    SegmentationResult result = new SegmentationResult(image, mask, model.classes(),
                            Duration.ofNanos(System.nanoTime() - arrival));
                    return Responses.render(request, name, result, totalMs, decodeMs);
                }, renderers);
        ctx.future(() -> answer.handle((body1, error) -> {
            if (error == null) {
                ctx.status(200).contentType(body1.contentType()).result(body1.bytes());
                metrics.request(ROUTE, 200);
            } else {
                SegmentationServer.writeError(ctx, toApiException(error), ROUTE, metrics);
            }
            metrics.latency(name, (System.nanoTime() - arrival) / 1e9);
            return null;
        }));
    }

    /** A request parameter from the query string or, for forms, a form field. */
    private static String param(Context ctx, String key) {
        String v = ctx.queryParam(key);
        if (v == null && ctx.isMultipartFormData()) {
            v = ctx.formParam(key);
        }
        return v;
    }

    private ApiException toApiException(Throwable error) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof ApiException api) {
            return api;
        }
        if (e instanceof TimeoutException) {
            return timeout(options.timeoutMs());
        }
        return new ApiException(500, "internal", "segmentation failed: " + e);
    }

    static ApiException timeout(int timeoutMs) {
        return new ApiException(504, "timeout", "the request did not finish within the server's time limit of "
                + timeoutMs + " ms");
    }
}
