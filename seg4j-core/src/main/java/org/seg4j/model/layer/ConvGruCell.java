package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A convolutional GRU cell (Ballas et al., 2016): a GRU whose matrix products are {@code k x k}
 * convolutions, so that the hidden state is a feature map and every position keeps its own memory
 * of the past frames. DJL's {@code GRU} block works on vectors only, hence this one.
 *
 * <pre>
 * [z, r] = sigmoid(conv_g([x, h]))
 * c      = tanh(conv_c([x, r * h]))
 * h'     = h + z * (c - h)            (= (1 - z) * h + z * c)
 * </pre>
 *
 * <p>The forward pass takes {@code [x (N, C, H, W), h (N, hidden, H, W)]} and returns {@code [h']}.
 */
public final class ConvGruCell extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int hidden;
    private final Conv2d gates;
    private final Conv2d candidate;

    /**
     * @param hidden channels of the hidden state
     * @param kernel odd kernel size of both convolutions
     */
    public ConvGruCell(int hidden, int kernel) {
        super(VERSION);
        if (hidden < 1) {
            throw new IllegalArgumentException("ConvGRU hidden channels must be positive, got " + hidden);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("ConvGRU kernel must be odd and positive, got " + kernel);
        }
        this.hidden = hidden;
        this.gates = addChildBlock("gates", conv(2 * hidden, kernel));
        this.candidate = addChildBlock("candidate", conv(hidden, kernel));
    }

    private static Conv2d conv(int filters, int kernel) {
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2))
                .setFilters(filters)
                .build();
    }

    /** Channels of the hidden state. */
    public int hiddenChannels() {
        return hidden;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray h = inputs.get(1);
        NDArray g = gates.forward(ps, new NDList(NDArrays.concat(new NDList(x, h), 1)), training, params)
                .head();
        g = Activation.sigmoid(g);
        NDList zr = g.split(2, 1);
        NDArray z = zr.get(0);
        NDArray r = zr.get(1);
        NDArray c = candidate.forward(ps, new NDList(NDArrays.concat(new NDList(x, r.mul(h)), 1)), training, params)
                .head().tanh();
        return new NDList(h.add(z.mul(c.sub(h))));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {new Shape(x.get(0), hidden, x.get(2), x.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape joint = new Shape(x.get(0), x.get(1) + hidden, x.get(2), x.get(3));
        gates.initialize(manager, dataType, joint);
        candidate.initialize(manager, dataType, joint);
    }
}
