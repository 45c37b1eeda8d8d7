package org.seg4j.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;

/**
 * Dynamic batching for one model: requests put images into a bounded queue; one thread takes the
 * first waiting image, gathers more for at most {@code maxWait} or until {@code maxBatch} are
 * there, and runs them through its {@link ModelRunner}; for a semantic model that is {@link
 * Predictor#predictBatch}, which stacks images of equal size into one forward pass (images of other
 * sizes in the same batch get their own pass). Each caller's future completes with its own
 * {@link Prediction}.
 *
 * <p>The queue is bounded: {@link #submit} refuses at once when it is full (the server answers 429),
 * so waiting work never grows without limit. Images whose deadline passed while they waited, or
 * whose caller gave up, are dropped before the forward pass. The predictor runs every pass in a
 * sub-manager that is closed when the pass ends, so no native memory outlives a batch.
 */
final class Batcher implements AutoCloseable {

    /**
     * One image waiting for its class map (and its probabilities when {@code probabilities});
     * {@code release} runs once when the batcher lets go of it.
     */
    private record Job(RgbImage image, boolean probabilities, long deadlineNanos,
            CompletableFuture<Prediction> result, Runnable release) {}

    private final String model;
    private final ModelRunner runner;
    private final int maxBatch;
    private final long maxWaitNanos;
    private final ArrayBlockingQueue<Job> queue;
    private final Metrics metrics;
    private final Thread thread;
    private volatile boolean running = true;

    Batcher(String model, ModelRunner runner, int maxBatch, int maxWaitMs, int queueSize, Metrics metrics) {
        this.model = model;
        this.runner = runner;
        this.maxBatch = maxBatch;
        this.maxWaitNanos = TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        this.queue = new ArrayBlockingQueue<>(queueSize);
        this.metrics = metrics;
        this.thread = new Thread(this::loop, "seg4j-batcher-" + model);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /**
     * Queues an image; the future completes with its class map (and, with {@code probabilities},
     * its class probabilities), or exceptionally with a {@link
     * TimeoutException} when the deadline passes before its batch runs. {@code release} runs exactly
     * once, when the batcher no longer holds the image: after its forward pass, when it is dropped,
     * when its caller gives up while it waits (it then leaves the queue at once), or right away when
     * this method throws.
     *
     * @throws ApiException 429 when the queue is full, 503 when the batcher is closed
     */
    CompletableFuture<Prediction> submit(RgbImage image, boolean probabilities, long deadlineNanos,
            Runnable release) {
        if (!running) {
            release.run();
            throw new ApiException(503, "shutting_down", "the server is shutting down");
        }
        Job job = new Job(image, probabilities, deadlineNanos, new CompletableFuture<>(), release);
        if (!queue.offer(job)) {
            release.run();
            throw new ApiException(429, "queue_full", "model '" + model + "' has " + queue.size()
                    + " images waiting (the queue limit); retry shortly", 1);
        }
        job.result().whenComplete((mask, error) -> {
            // a caller that gave up (timeout) frees its image now rather than when the batcher reaches it;
            // remove() and the batcher's poll() are atomic, so exactly one of them owns the job
            if (error != null && queue.remove(job)) {
                job.release().run();
            }
        });
        return job.result();
    }

    /** Images waiting now. */
    int queueDepth() {
        return queue.size();
    }

    private void loop() {
        List<Job> batch = new ArrayList<>(maxBatch);
        while (running) {
            try {
                Job first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long until = System.nanoTime() + maxWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = until - System.nanoTime();
                    Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                for (Job job : batch) {
                    if (!job.result().isDone()) { // interrupted before its pass ran
                        job.result().completeExceptionally(new ApiException(503, "shutting_down",
                                "the server is shutting down"));
                    }
                    job.release().run();
                }
                batch.clear();
            }
        }
        failAll(new ApiException(503, "shutting_down", "the server is shutting down"));
    }

    private void run(List<Job> batch) {
        long now = System.nanoTime();
        List<Job> live = new ArrayList<>(batch.size());
        for (Job job : batch) {
            if (job.result().isDone()) {
                continue; // the caller gave up (timeout or disconnect)
            }
            if (now - job.deadlineNanos() > 0) {
                job.result().completeExceptionally(new TimeoutException("deadline passed while queued"));
                continue;
            }
            live.add(job);
        }
        if (live.isEmpty()) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            List<Job> plain = live.stream().filter(j -> !j.probabilities()).toList();
            List<Job> soft = live.stream().filter(Job::probabilities).toList();
            List<Prediction> hard = plain.isEmpty() ? List.of() : runner.predict(images(plain), false);
            List<Prediction> probs = soft.isEmpty() ? List.of() : runner.predict(images(soft), true);
            metrics.batch(model, live.size(), (System.nanoTime() - t0) / 1e9);
            for (int i = 0; i < plain.size(); i++) {
                plain.get(i).result().complete(hard.get(i));
            }
            for (int i = 0; i < soft.size(); i++) {
                soft.get(i).result().complete(probs.get(i));
            }
        } catch (RuntimeException | Error e) {
            for (Job job : live) {
                job.result().completeExceptionally(e);
            }
        }
    }

    private static List<RgbImage> images(List<Job> jobs) {
        List<RgbImage> images = new ArrayList<>(jobs.size());
        for (Job job : jobs) {
            images.add(job.image());
        }
        return images;
    }

    private void failAll(Throwable cause) {
        Job job;
        while ((job = queue.poll()) != null) {
            try {
                job.result().completeExceptionally(cause);
            } finally {
                job.release().run();
            }
        }
    }

    /** Stops taking work, fails what still waits, and waits for the running batch to finish. */
    @Override
    public void close() {
        running = false;
        try {
            thread.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        failAll(new ApiException(503, "shutting_down", "the server is shutting down"));
    }
}
