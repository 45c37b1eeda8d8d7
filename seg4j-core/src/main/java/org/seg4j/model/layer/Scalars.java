package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;

/**
 * Multiplication and division by a constant that are safe to differentiate.
 *
 * <p>DJL's {@code NDArray.mul(Number)} and {@code div(Number)} wrap the constant in a temporary
 * PyTorch tensor over a Java direct buffer ({@code from_blob}, no copy) and close it as soon as the
 * forward op returns. Autograd keeps that tensor to compute the backward pass ({@code grad * c}), so
 * by then it reads memory that the garbage collector may have freed and reused: gradients come out
 * scaled by garbage, sometimes NaN, infinite or zero, at random. Measured here: a ViT-Tiny Segmenter
 * had a non-finite gradient on the first CamVid batch in about half of the random initialisations,
 * always entering at the query scaling of one attention layer.
 *
 * <p>These helpers create the constant in the manager of {@code x} instead, so it lives as long as
 * the batch's arrays do, past the backward pass. Use them for every constant factor on a path that
 * is differentiated; {@code add}/{@code sub} with a constant are safe (their backward does not read
 * it), and so is anything computed outside a gradient collector.
 */
public final class Scalars {

    private Scalars() {}

    /** {@code x * c}, with {@code c} kept alive in {@code x}'s manager. */
    public static NDArray mul(NDArray x, float c) {
        return x.mul(x.getManager().create(c));
    }

    /** {@code x / c}, with {@code c} kept alive in {@code x}'s manager. */
    public static NDArray div(NDArray x, float c) {
        return x.div(x.getManager().create(c));
    }
}
