package org.seg4j.model.decoder.fastscnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * MobileNetV2's inverted residual bottleneck (Sandler et al., 2018), as used by Fast-SCNN's
 * global feature extractor: 1x1 expansion by {@code t} + BN + ReLU, depthwise 3x3 (stride 1 or
 * 2) + BN + ReLU, linear 1x1 projection + BN; the input is added back when stride is 1 and the
 * channels are unchanged.
 */
public final class InvertedResidual extends AbstractBlock {

    private static final byte VERSION = 1;

    private final SequentialBlock body;
    private final boolean residual;

    /**
     * @param inChannels input channels
     * @param outChannels output channels
     * @param stride 1 or 2
     * @param expansion expansion factor {@code t} of the hidden layer
     */
    InvertedResidual(int inChannels, int outChannels, int stride, int expansion) {
        super(VERSION);
        int hidden = inChannels * expansion;
        this.residual = stride == 1 && inChannels == outChannels;
        this.body = addChildBlock("body", new SequentialBlock()
                .add(FastScnnLayers.pointwiseBnRelu(hidden))
                .add(FastScnnLayers.depthwiseBnRelu(hidden, stride, 1))
                .add(FastScnnLayers.pointwiseBn(outChannels)));
    }

    /** Expansion, depthwise convolution and projection, in that order. */
    public SequentialBlock body() {
        return body;
    }

    /** Whether the input is added to the body's output. */
    public boolean hasResidual() {
        return residual;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = body.forward(ps, inputs, training, params).head();
        return new NDList(residual ? y.add(inputs.head()) : y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return body.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        body.initialize(manager, dataType, inputShapes);
    }
}
