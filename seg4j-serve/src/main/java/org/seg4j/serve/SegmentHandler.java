package org.seg4j.serve;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.seg4j.SegmentationResult;
import org.seg4j.data.RgbImage;

/**
 * {@code POST /v1/models/{name}/segment}: checks the parameters, reads the upload on the HTTP thread
 * within the read deadline, reserves the image's decoded size from the pixel budget (429 when it is
 * spent), decodes it, queues it for its model's batcher and answers asynchronously, so waiting
 * requests hold no HTTP thread. Encoding the answer runs on {@code renderers}, never on the batcher
 * thread: when their queue is full the request gets 503. The budget's claim is given back on every
 * path once neither the request nor the batcher holds the image.
 */
final class SegmentHandler {

    static final String ROUTE = "/v1/models/{name}/segment";

    /** Encodes a segmentation as the requested response ({@link Responses#render} in the server). */
    @FunctionalInterface
    interface Renderer {
        Responses.Body render(OutputRequest request, String model, ServedResult result, double totalMs,
                double decodeMs);
    }

    private final Map<String, ServedModel> models;
    private final ServeOptions options;
    private final ImageDecoder decoder;
    private final Metrics metrics;
    private final Executor renderers;
    private final Renderer renderer;
    private final PixelBudget budget;
    private final ReadDeadline readDeadline;

    SegmentHandler(Map<String, ServedModel> models, ServeOptions options, Metrics metrics, Executor renderers,
            Renderer renderer, PixelBudget budget, ReadDeadline readDeadline) {
        this.models = models;
        this.options = options;
        this.decoder = new ImageDecoder(options.maxPixels(), options.maxMetadataBytes());
        this.metrics = metrics;
        this.renderers = renderers;
        this.renderer = renderer;
        this.budget = budget;
        this.readDeadline = readDeadline;
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
        byte[] body = readDeadline.within(() -> RequestBodies.read(ctx, options.maxBodyBytes()));
        OutputRequest request = OutputRequest.parse(param(ctx, "format"), param(ctx, "alpha"),
                param(ctx, "classes"), param(ctx, "masks"), param(ctx, "tolerance"), model.classes(), model.task());
        String requestId = RequestIds.of(ctx);
        PixelBudget.Claim claim = budget.claim();
        CompletableFuture<Responses.Body> answer;
        try {
            answer = segment(model, name, request, body, claim, arrival, deadline);
        } catch (RuntimeException | Error e) {
            claim.close();
            throw e;
        }
        answer.whenComplete((b, e) -> claim.close());
        ctx.future(() -> answer.handle((bytes, error) -> {
            if (error == null) {
                ctx.status(200).contentType(bytes.contentType()).result(bytes.bytes());
                metrics.request(ROUTE, 200);
            } else {
                SegmentationServer.writeError(ctx, toApiException(error, requestId), ROUTE, metrics);
            }
            metrics.latency(name, (System.nanoTime() - arrival) / 1e9);
            return null;
        }));
    }

    /** Decodes within the budget, queues, and renders the answer on the render pool. */
    private CompletableFuture<Responses.Body> segment(ServedModel model, String name, OutputRequest request,
            byte[] body, PixelBudget.Claim claim, long arrival, long deadline) {
        RgbImage image = decoder.decode(body, claim::reserve);
        double decodeMs = (System.nanoTime() - arrival) / 1e6;
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw timeout(options.timeoutMs());
        }
        CompletableFuture<Responses.Body> answer = new CompletableFuture<>();
        // a cutout's alpha is the foreground probability: only that format needs the probabilities
        boolean soft = request.format() == OutputRequest.Format.CUTOUT;
        CompletableFuture<Prediction> queued = model.submit(image, soft, deadline, claim.share());
        queued.orTimeout(left, TimeUnit.NANOSECONDS).whenComplete((prediction, error) -> {
            // runs on the batcher thread (or the timer's): hand the work over, never render here
            if (error != null) {
                answer.completeExceptionally(error);
                return;
            }
            try {
                renderers.execute(() -> {
                    try {
                        double totalMs = (System.nanoTime() - arrival) / 1e6;
                        SegmentationResult semantic = prediction.mask() == null ? null
                                : new SegmentationResult(image, prediction.mask(), model.classes(),
                                        Duration.ofNanos(System.nanoTime() - arrival), prediction.probabilities());
                        ServedResult result = new ServedResult(model.task(), image, model.classes(), semantic,
                                prediction.segmentation(), prediction.detections());
                        answer.complete(renderer.render(request, name, result, totalMs, decodeMs));
                    } catch (RuntimeException | Error e) {
                        answer.completeExceptionally(e);
                    }
                });
            } catch (RejectedExecutionException e) {
                answer.completeExceptionally(new ApiException(503, "render_busy", "the server has too many answers"
                        + " waiting to be encoded; retry shortly", 1));
            }
        });
        return answer;
    }

    /** A request parameter from the query string or, for forms, a form field. */
    private static String param(Context ctx, String key) {
        String v = ctx.queryParam(key);
        if (v == null && ctx.isMultipartFormData()) {
            v = ctx.formParam(key);
        }
        return v;
    }

    private ApiException toApiException(Throwable error, String requestId) {
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
        return UnexpectedErrors.report(requestId, ROUTE, e);
    }

    static ApiException timeout(int timeoutMs) {
        return new ApiException(504, "timeout", "the request did not finish within the server's time limit of "
                + timeoutMs + " ms");
    }
}
