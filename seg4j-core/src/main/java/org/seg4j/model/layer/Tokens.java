package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Conversions between NCHW feature maps and token sequences {@code (N, T, C)} with {@code T = H *
 * W} in row-major order, as used by vision transformers.
 */
public final class Tokens {

    private Tokens() {}

    /** {@code (N, C, H, W)} to {@code (N, H * W, C)}. */
    public static NDArray fromGrid(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
    }

    /** {@code (N, H * W, C)} to {@code (N, C, H, W)}. */
    public static NDArray toGrid(NDArray tokens, long height, long width) {
        Shape s = tokens.getShape();
        if (s.get(1) != height * width) {
            throw new IllegalArgumentException(s.get(1) + " tokens do not form a " + height + "x" + width + " grid");
        }
        return tokens.transpose(0, 2, 1).reshape(s.get(0), s.get(2), height, width);
    }

    /** Divides by the L2 norm along the last axis (with a small floor against division by zero). */
    public static NDArray l2Normalize(NDArray x) {
        int last = x.getShape().dimension() - 1;
        return x.div(x.square().sum(new int[] {last}, true).add(1e-12f).sqrt());
    }
}
