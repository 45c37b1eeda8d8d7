package org.seg4j.serve;

import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.seg4j.Seg4jException;

/**
 * Segmentation over HTTP: a JSON API, Prometheus metrics and a web page, for one or more model
 * directories named by the operator.
 *
 * <pre>{@code
 * try (SegmentationServer server = SegmentationServer.start(
 *         List.of(ModelSource.parse("street=runs/quickstart/model")), ServeOptions.defaults())) {
 *     server.awaitModels(Duration.ofMinutes(1));
 *     System.out.println("serving at " + server.url());
 *     server.join();
 * }
 * }</pre>
 *
 * <p>Routes: {@code GET /} (web page), {@code GET /v1/models}, {@code POST
 * /v1/models/{name}/segment}, {@code GET /healthz}, {@code GET /readyz}, {@code GET /metrics}.
 * Every error is JSON: {@code {"error": kind, "status": code, "message": text, "request_id": id}}; every
 * answer carries its id in {@code X-Request-Id}, and an unexpected failure's detail goes to the log
 * under that id, never to the client. The server starts
 * answering at once; models load in the background and {@code /readyz} turns ready when all have
 * loaded. A model that fails to load keeps the server up and {@code /readyz} at 503 with the reason.
 * See {@code docs/serving.md} for limits and their status codes.
 */
public final class SegmentationServer implements AutoCloseable {

    private final ServeOptions options;
    private final Map<String, ServedModel> models = new LinkedHashMap<>();
    private final Metrics metrics = new Metrics();
    private final ThreadPoolExecutor renderers;
    private final ScheduledThreadPoolExecutor timer;
    private final PixelBudget budget;
    private final SegmentHandler.Renderer renderer;
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Javalin app;
    private final byte[] page;

    private SegmentationServer(List<ModelSource> sources, ServeOptions options, SegmentHandler.Renderer renderer) {
        if (sources.isEmpty()) {
            throw new Seg4jException("no model to serve: give at least one --model DIR or NAME=DIR");
        }
        this.options = options;
        this.renderer = renderer;
        this.budget = new PixelBudget(options.maxPixelBytes());
        for (ModelSource s : sources) {
            if (models.put(s.name(), new ServedModel(s)) != null) {
                throw new Seg4jException("two models are named '" + s.name() + "'; name them with NAME=DIR");
            }
        }
        for (ModelSource s : sources) {
            if (s.components() != null) {
                ComponentRunner.check(s); // a model that cannot have components is refused now, not at load
            }
        }
        this.page = resource("index.html");
        int threads = options.threads();
        this.renderers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(options.queueSize() * Math.max(1, models.size()) + options.maxBatch()),
                r -> {
                    Thread t = new Thread(r, "seg4j-render");
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy()); // never caller-runs: the caller is a batcher
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "seg4j-read-deadline");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jetty.defaultHost = options.host();
            config.jetty.defaultPort = options.port();
            // a bounded job queue: connections beyond it are refused rather than piling up
            int jobs = Math.max(64, 4 * threads);
            config.jetty.threadPool = new QueuedThreadPool(threads + 4, Math.min(threads + 4, 4), 60_000,
                    new BlockingArrayQueue<>(jobs, jobs, jobs));
            config.http.maxRequestSize = options.maxBodyBytes();
            config.jetty.multipartConfig.maxFileSize(options.maxBodyBytes(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(options.maxBodyBytes() + 64 * 1024, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize((int) Math.min(Integer.MAX_VALUE,
                    options.maxBodyBytes() + 1), SizeUnit.BYTES);
        });
        routes();
    }

    /**
     * Starts a server; models load in the background ({@link #awaitModels}).
     *
     * @throws Seg4jException at once for a source with {@link ModelSource#withComponents components}
     *     that is not a semantic model or has no thing class, for two sources of one name, or if the
     *     port cannot be bound
     */
    public static SegmentationServer start(List<ModelSource> sources, ServeOptions options) {
        return start(sources, options, Responses::render);
    }

    /** As {@link #start(List, ServeOptions)}, with the answers encoded by {@code renderer} (tests). */
    static SegmentationServer start(List<ModelSource> sources, ServeOptions options,
            SegmentHandler.Renderer renderer) {
        SegmentationServer server = new SegmentationServer(sources, options, renderer);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.renderers.shutdownNow();
            server.timer.shutdownNow();
            throw new Seg4jException("cannot start the server on " + options.host() + ":" + options.port() + ": "
                    + e.getMessage(), e);
        }
        Thread loader = new Thread(() -> {
            for (ServedModel m : server.models.values()) {
                m.load(options, server.metrics);
            }
            server.loaded.countDown();
        }, "seg4j-model-loader");
        loader.setDaemon(true);
        loader.start();
        return server;
    }

    /** Waits until every model has loaded or failed; true if all are ready. */
    public boolean awaitModels(Duration timeout) throws InterruptedException {
        loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return ready();
    }

    /** True when every model is loaded and serving. */
    public boolean ready() {
        return models.values().stream().allMatch(m -> m.state() == ServedModel.State.READY);
    }

    /** Load failures by model name (empty when none failed). */
    public Map<String, String> failures() {
        Map<String, String> out = new LinkedHashMap<>();
        models.values().stream().filter(m -> m.state() == ServedModel.State.FAILED)
                .forEach(m -> out.put(m.name(), m.failure()));
        return out;
    }

    /** The port the server listens on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080/}. */
    public String url() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port() + "/";
    }

    /** The server's metrics. */
    public Metrics metrics() {
        return metrics;
    }

    /** Bytes of decoded images reserved now (see {@link PixelBudget}). */
    long reservedPixelBytes() {
        return budget.reserved();
    }

    /** Blocks until {@link #close} is called. */
    public void join() throws InterruptedException {
        stopped.await();
    }

    private void routes() {
        app.before(ctx -> {
            ctx.header("X-Content-Type-Options", "nosniff");
            RequestIds.assign(ctx);
        });
        app.get("/", ctx -> {
            ctx.contentType("text/html; charset=utf-8").result(page);
            metrics.request("/", 200);
        });
        app.get("/healthz", ctx -> json(ctx, "/healthz", 200, Map.of("status", "ok")));
        app.get("/readyz", this::readyz);
        app.get("/metrics", ctx -> {
            Map<String, Integer> depth = new LinkedHashMap<>();
            Map<String, Boolean> ready = new LinkedHashMap<>();
            models.values().forEach(m -> {
                depth.put(m.name(), m.queueDepth());
                ready.put(m.name(), m.state() == ServedModel.State.READY);
            });
            metrics.request("/metrics", 200);
            ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(metrics.render(depth, ready, budget.reserved()));
        });
        app.get("/v1/models", ctx -> {
            List<Map<String, Object>> list = new ArrayList<>();
            models.values().forEach(m -> list.add(m.describe()));
            json(ctx, "/v1/models", 200, Map.of("models", list));
        });
        SegmentHandler segment = new SegmentHandler(models, options, metrics, renderers, renderer, budget,
                new ReadDeadline(timer, options.readTimeoutMs()));
        app.post(SegmentHandler.ROUTE, segment::handle);
        app.exception(ApiException.class, (e, ctx) -> writeError(ctx, e, route(ctx), metrics));
        app.exception(HttpResponseException.class, (e, ctx) -> writeError(ctx,
                new ApiException(e.getStatus(), kindOf(e.getStatus()), e.getMessage()), route(ctx), metrics));
        app.exception(Exception.class, (e, ctx) -> writeError(ctx,
                UnexpectedErrors.report(RequestIds.of(ctx), route(ctx), e), route(ctx), metrics));
    }

    private void readyz(Context ctx) {
        Map<String, Object> states = new LinkedHashMap<>();
        models.values().forEach(m -> states.put(m.name(), m.failure() == null
                ? m.state().name().toLowerCase(java.util.Locale.ROOT) : "failed: " + m.failure()));
        boolean ok = ready();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ready", ok);
        body.put("models", states);
        json(ctx, "/readyz", ok ? 200 : 503, body);
    }

    private void json(Context ctx, String route, int status, Object body) {
        ctx.status(status).contentType("application/json").result(JsonBodies.bytes(body));
        metrics.request(route, status);
    }

    /** Writes an error as JSON (with {@code Retry-After} when it has one) and counts it. */
    static void writeError(Context ctx, ApiException e, String route, Metrics metrics) {
        if (e.retryAfterSeconds() != null) {
            ctx.header("Retry-After", Integer.toString(e.retryAfterSeconds()));
        }
        ctx.status(e.status()).contentType("application/json").result(JsonBodies.error(e.status(), e.kind(),
                e.getMessage(), RequestIds.of(ctx)));
        metrics.request(route, e.status());
        metrics.error(e.kind());
    }

    private static String route(Context ctx) {
        try {
            String path = ctx.endpointHandlerPath();
            return path == null || path.isEmpty() || path.equals("*") ? "unmatched" : path;
        } catch (RuntimeException e) {
            return "unmatched"; // no endpoint matched the request
        }
    }

    private static String kindOf(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "body_too_large";
            default -> "http_" + status;
        };
    }

    private static byte[] resource(String name) {
        try (InputStream in = SegmentationServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops accepting requests, fails what still waits, and frees the models. */
    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            models.values().forEach(ServedModel::close);
            renderers.shutdownNow();
            timer.shutdownNow();
            stopped.countDown();
        }
    }
}
