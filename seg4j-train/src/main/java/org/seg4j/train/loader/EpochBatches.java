package org.seg4j.train.loader;

import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.data.SampleSource;

/** The batches of one epoch, submitted ahead of the consumer up to the prefetch depth. */
final class EpochBatches implements Iterator<Batch> {

    private final ExecutorService pool;
    private final BatchAssembler assembler;
    private final int epoch;
    private final int[] order;
    private final int batchSize;
    private final int batches;
    private final int prefetch;
    private final Deque<Future<Batch>> inFlight = new ConcurrentLinkedDeque<>();
    private int submitted;
    private int delivered;
    private volatile boolean abandoned;

    EpochBatches(ExecutorService pool, BatchAssembler assembler, int epoch, int[] order, int batchSize, int batches,
            int prefetch) {
        this.pool = pool;
        this.assembler = assembler;
        this.epoch = epoch;
        this.order = order;
        this.batchSize = batchSize;
        this.batches = batches;
        this.prefetch = prefetch;
        fill();
    }

    @Override
    public synchronized boolean hasNext() {
        return !abandoned && delivered < batches;
    }

    @Override
    public synchronized Batch next() {
        if (!hasNext()) {
            throw new NoSuchElementException(abandoned ? "epoch " + epoch + " was abandoned" : "epoch ended");
        }
        Future<Batch> head = inFlight.poll();
        if (head == null) {
            throw new NoSuchElementException("epoch " + epoch + " was abandoned");
        }
        fill();
        try {
            Batch b = head.get();
            delivered++;
            return b;
        } catch (ExecutionException e) {
            abandon();
            Throwable cause = e.getCause();
            if (cause instanceof Seg4jException) {
                throw new Seg4jException(cause.getMessage(), cause);
            }
            throw new IllegalStateException("batch loader worker failed: " + cause, cause);
        } catch (InterruptedException e) {
            abandon();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a batch", e);
        } catch (CancellationException e) {
            throw new IllegalStateException("batch loader was closed", e);
        }
    }

    /** The dataset indices of batch {@code b} of an epoch visited in {@code order}. */
    static int[] batch(int[] order, int b, int batchSize) {
        int start = b * batchSize;
        return Arrays.copyOfRange(order, start, Math.min(start + batchSize, order.length));
    }

    private void fill() {
        while (!abandoned && submitted < batches && inFlight.size() < prefetch) {
            int[] indices = batch(order, submitted, batchSize);
            try {
                inFlight.add(pool.submit(() -> assembler.assemble(epoch, indices)));
            } catch (RejectedExecutionException e) {
                abandoned = true;
                return;
            }
            submitted++;
        }
    }

    /**
     * Drops the batches not yet delivered. Running tasks are not interrupted: an interrupt can
     * close the channels a {@link SampleSource} shares between threads.
     */
    void abandon() {
        abandoned = true;
        Future<Batch> f;
        while ((f = inFlight.poll()) != null) {
            f.cancel(false);
        }
    }
}
