package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Adaptive average pooling to an arbitrary output size, exactly as PyTorch's {@code
 * adaptive_avg_pool2d}: output cell {@code i} of {@code out} along an axis of length {@code in}
 * averages the input positions {@code floor(i * in / out)} (inclusive) to {@code ceil((i + 1) * in
 * / out)} (exclusive). Bins overlap when {@code in} is not a multiple of {@code out}, and repeat
 * input positions when {@code out > in}.
 *
 * <p>DJL only exposes global pooling; arbitrary sizes are reachable through an engine-internal
 * class. Here the pooling is two matrix products with constant averaging matrices, {@code P_h x
 * P_w^T}, which works on any engine and size and is differentiable.
 */
public final class AdaptivePool {

    private AdaptivePool() {}

    /**
     * Global average pooling of an NCHW array to {@code (N, C, 1, 1)} (one axis at a time: the
     * PyTorch engine's {@code mean} takes a single axis).
     */
    public static NDArray global(NDArray x) {
        return x.mean(new int[] {3}, true).mean(new int[] {2}, true);
    }

    /** Adaptive average pooling of an NCHW array to {@code outH x outW}. */
    public static NDArray avg(NDArray x, int outH, int outW) {
        Shape s = x.getShape();
        int h = (int) Spatial.height(s);
        int w = (int) Spatial.width(s);
        NDManager m = x.getManager();
        NDArray rows = m.create(matrix(h, outH), new Shape(outH, h)).toType(x.getDataType(), false);
        NDArray colsT = m.create(matrix(w, outW), new Shape(outW, w)).toType(x.getDataType(), false).transpose();
        // (outH, h) x (N, C, h, w) -> (N, C, outH, w); then x (w, outW) -> (N, C, outH, outW).
        return rows.matMul(x).matMul(colsT);
    }

    /** First input index (inclusive) of output cell {@code i}. */
    public static int binStart(int i, int in, int out) {
        return (int) Math.floorDiv((long) i * in, out);
    }

    /** Last input index (exclusive) of output cell {@code i}. */
    public static int binEnd(int i, int in, int out) {
        return (int) -Math.floorDiv(-(long) (i + 1) * in, out);
    }

    /**
     * The {@code out x in} row-major averaging matrix of one axis: row {@code i} holds {@code 1 /
     * (end - start)} over the bin's input positions and zero elsewhere.
     */
    public static float[] matrix(int in, int out) {
        if (in < 1 || out < 1) {
            throw new IllegalArgumentException("adaptive pooling sizes must be positive, got " + in + " -> " + out);
        }
        float[] p = new float[out * in];
        for (int i = 0; i < out; i++) {
            int start = binStart(i, in, out);
            int end = binEnd(i, in, out);
            float v = 1f / (end - start);
            for (int j = start; j < end; j++) {
                p[i * in + j] = v;
            }
        }
        return p;
    }
}
