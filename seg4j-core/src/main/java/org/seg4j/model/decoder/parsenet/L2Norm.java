package org.seg4j.model.decoder.parsenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;

/**
 * ParseNet's L2 normalisation layer (Liu, Rabinovich and Berg, 2015): each position's channel
 * vector of an NCHW array is divided by its L2 norm, then channel {@code c} is multiplied by a
 * learned scale {@code gamma_c}. Features from different layers (a local map and a pooled global
 * vector) end up on comparable scales before they are concatenated.
 *
 * <p>{@code y = gamma * x / sqrt(sum_c x_c^2 + eps)}, {@code eps = 1e-10}, which keeps an all-zero
 * position (possible after a ReLU) at zero with a finite gradient.
 */
public final class L2Norm extends AbstractBlock {

    private static final byte VERSION = 1;

    /** Added to the squared norm. */
    public static final float EPSILON = 1e-10f;

    private final int channels;
    private final Parameter scale;

    /**
     * @param channels channels of the input (one scale each)
     * @param initialScale starting value of every scale
     */
    public L2Norm(int channels, float initialScale) {
        super(VERSION);
        if (channels < 1 || !(initialScale > 0)) {
            throw new Seg4jException(
                    "l2 normalisation needs positive channels and scale, got " + channels + ", " + initialScale);
        }
        this.channels = channels;
        this.scale = addParameter(Parameter.builder()
                .setName("scale")
                .setType(Parameter.Type.GAMMA)
                .optShape(new Shape(channels))
                .optInitializer(new ConstantInitializer(initialScale))
                .build());
    }

    /** The channel vectors of {@code x} (axis 1) divided by their L2 norm, without scaling. */
    public static NDArray normalize(NDArray x) {
        return x.div(x.square().sum(new int[] {1}, true).add(EPSILON).sqrt());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray gamma = ps.getValue(scale, x.getDevice(), training).reshape(1, channels, 1, 1);
        return new NDList(normalize(x).mul(gamma));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
