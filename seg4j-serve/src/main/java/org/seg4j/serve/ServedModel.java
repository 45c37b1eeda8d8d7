package org.seg4j.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.seg4j.data.ClassInfo;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.RgbImage;

/**
 * One served model and its life cycle: {@code loading}, then {@code ready} (with its {@link ModelRunner} and
 * {@link Batcher}) or {@code failed} (with the reason). A model that fails to load does not stop the
 * server; it answers 503 with the reason and keeps {@code /readyz} not ready.
 */
final class ServedModel implements AutoCloseable {

    /** Life-cycle state. */
    enum State { LOADING, READY, FAILED }

    private final ModelSource source;
    private volatile State state = State.LOADING;
    private volatile String failure;
    private volatile ModelRunner runner;
    private volatile Batcher batcher;

    ServedModel(ModelSource source) {
        this.source = source;
    }

    String name() {
        return source.name();
    }

    State state() {
        return state;
    }

    /** Why loading failed, or {@code null}. */
    String failure() {
        return failure;
    }

    /** Loads the model and starts its batcher; failures are recorded, not thrown. */
    void load(ServeOptions options, Metrics metrics) {
        try {
            ModelRunner r = ModelRunner.load(source, options);
            runner = r;
            batcher = new Batcher(source.name(), r, options.maxBatch(), options.maxWaitMs(), options.queueSize(),
                    metrics);
            state = State.READY;
        } catch (RuntimeException | Error e) {
            failure = source.dir() + ": " + (e.getMessage() == null ? e.toString() : e.getMessage());
            state = State.FAILED;
        }
    }

    /** What a ready model predicts. */
    ModelTask task() {
        requireReady();
        return runner.task();
    }

    /** The classes of a ready model. */
    ClassMeta classes() {
        requireReady();
        return runner.classes();
    }

    /**
     * Queues an image for inference, with its class probabilities when {@code probabilities} (429
     * when the queue is full, 503 when not ready); {@code release}
     * runs once when the batcher no longer holds the image (see {@link Batcher#submit}).
     */
    CompletableFuture<Prediction> submit(RgbImage image, boolean probabilities, long deadlineNanos,
            Runnable release) {
        try {
            requireReady();
        } catch (ApiException e) {
            release.run();
            throw e;
        }
        return batcher.submit(image, probabilities, deadlineNanos, release);
    }

    int queueDepth() {
        Batcher b = batcher;
        return b == null ? 0 : b.queueDepth();
    }

    /** What {@code GET /v1/models} says about this model. */
    Map<String, Object> describe() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", source.name());
        out.put("state", state.name().toLowerCase(java.util.Locale.ROOT));
        if (state == State.FAILED) {
            out.put("error", failure);
        }
        if (state != State.READY) {
            return out;
        }
        out.put("task", runner.task().label());
        out.putAll(runner.describe());
        out.putIfAbsent("engine", "djl"); // instance and panoptic models run on DJL only
        ClassMeta meta = runner.classes();
        List<Map<String, Object>> classes = new ArrayList<>();
        for (ClassInfo c : meta.classes()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", c.id());
            one.put("name", c.name());
            one.put("color", Responses.hex(meta.palette()[c.id()]));
            if (runner.task().hasInstances()) {
                one.put("isthing", c.isThing());
            }
            classes.add(one);
        }
        out.put("classes", classes);
        out.put("formats", OutputRequest.Format.namesFor(runner.task()));
        return out;
    }

    private void requireReady() {
        switch (state) {
            case READY -> { }
            case LOADING -> throw new ApiException(503, "model_loading", "model '" + name() + "' is still loading", 1);
            case FAILED -> throw new ApiException(503, "model_failed", "model '" + name() + "' failed to load: "
                    + failure);
        }
    }

    @Override
    public void close() {
        Batcher b = batcher;
        if (b != null) {
            b.close();
        }
        ModelRunner r = runner;
        if (r != null) {
            r.close();
        }
    }
}
