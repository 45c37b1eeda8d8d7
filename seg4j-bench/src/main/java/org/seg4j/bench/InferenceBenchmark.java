package org.seg4j.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.seg4j.Seg4jException;

/**
 * Measures a network's CPU inference speed: forward passes in inference mode on one random RGB
 * image (batch 1) of a given size, after warm-up passes (which let the engine pick and cache its
 * kernels). Each pass runs in its own sub-manager so that its intermediates are freed before the
 * next one; the reported time is the median, which ignores the occasional slow outlier.
 */
public final class InferenceBenchmark {

    /**
     * What was measured.
     *
     * @param height input height
     * @param width input width
     * @param runs timed forward passes
     * @param medianMillis median wall-clock time of one pass in milliseconds
     */
    public record Result(int height, int width, int runs, double medianMillis) {

        /** Images per second at batch 1: {@code 1000 / medianMillis}. */
        public double imagesPerSecond() {
            return 1000.0 / medianMillis;
        }
    }

    private InferenceBenchmark() {}

    /**
     * Times {@code runs} forward passes of {@code model} (initialised, parameters owned by {@code
     * manager}) on a {@code 1 x 3 x height x width} input after {@code warmup} untimed passes.
     */
    public static Result run(Block model, NDManager manager, int height, int width, int warmup, int runs) {
        if (height < 1 || width < 1) {
            throw new Seg4jException("benchmark image size must be positive, got " + height + "x" + width);
        }
        if (warmup < 0 || runs < 1) {
            throw new Seg4jException("benchmark needs warm-up >= 0 and runs >= 1, got " + warmup + " and " + runs);
        }
        ParameterStore ps = new ParameterStore(manager, false);
        Shape shape = new Shape(1, 3, height, width);
        for (int i = 0; i < warmup; i++) {
            forwardNanos(model, ps, manager, shape);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            nanos[i] = forwardNanos(model, ps, manager, shape);
        }
        Arrays.sort(nanos);
        double median = runs % 2 == 1 ? nanos[runs / 2] : (nanos[runs / 2 - 1] + nanos[runs / 2]) / 2.0;
        return new Result(height, width, runs, median / 1e6);
    }

    private static long forwardNanos(Block model, ParameterStore ps, NDManager manager, Shape shape) {
        try (NDManager sub = manager.newSubManager()) {
            NDArray x = sub.randomUniform(0, 1, shape);
            long start = System.nanoTime();
            NDArray out = model.forward(ps, new NDList(x), false).head();
            // PyTorch's CPU kernels run synchronously; reading one value makes that explicit.
            out.getFloat(0, 0, 0, 0);
            return System.nanoTime() - start;
        }
    }
}
