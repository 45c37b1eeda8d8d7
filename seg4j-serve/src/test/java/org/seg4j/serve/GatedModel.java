package org.seg4j.serve;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.seg4j.infer.TestModels;
import org.seg4j.model.ModelRegistry;

/**
 * {@code test-gated}: a 1x1 convolution whose forward pass waits until the test opens the gate, so
 * that tests can hold the batcher busy and fill the queue deterministically.
 */
final class GatedModel {

    static final String NAME = "test-gated";
    private static volatile CountDownLatch gate = new CountDownLatch(0);
    private static final AtomicInteger PASSES = new AtomicInteger();

    static {
        ModelRegistry.register(new ModelRegistry.Entry(NAME, "1x1 conv behind a gate (tests)", "", List.of(), spec -> {
            SequentialBlock b = new SequentialBlock();
            b.add(new LambdaBlock(x -> {
                PASSES.incrementAndGet();
                try {
                    if (!gate.await(20, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("gate never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return x;
            }));
            b.add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(spec.numClasses()).build());
            return b;
        }));
    }

    private GatedModel() {}

    /** Closes the gate: forward passes wait until {@link #open}. */
    static void close() {
        gate = new CountDownLatch(1);
    }

    static void open() {
        gate.countDown();
    }

    /** Forward passes started so far (also counts the one run while saving). */
    static int passes() {
        return PASSES.get();
    }

    static Path save(Path dir) {
        open();
        return TestModels.saveModel(dir, NAME, 32, 1.0);
    }
}
