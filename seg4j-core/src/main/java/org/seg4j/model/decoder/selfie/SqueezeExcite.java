package org.seg4j.model.decoder.selfie;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Squeeze-excitation weights (Hu et al., 2018) as this network computes them: global average
 * pooling, a 1x1 convolution to {@code reduced} channels, ReLU, a 1x1 convolution back to {@code
 * channels}, and a sigmoid (not MobileNetV3's hard sigmoid). The forward pass returns the {@code N x
 * C x 1 x 1} weights only: the encoder multiplies its own input by them, the decoder a skip
 * connection by the weights of the skip plus the upsampled deeper feature.
 */
public final class SqueezeExcite extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final SameConv reduce;
    private final SameConv expand;

    /**
     * @param channels channels of the input and of the weights
     * @param reduced channels of the bottleneck
     */
    public SqueezeExcite(int channels, int reduced) {
        super(VERSION);
        this.channels = channels;
        this.reduce = addChildBlock("reduce", SameConv.pointwise(reduced));
        this.expand = addChildBlock("expand", SameConv.pointwise(channels));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray pooled = inputs.head().mean(new int[] {3}, true).mean(new int[] {2}, true);
        NDArray hidden = Activation.relu(reduce.forward(ps, new NDList(pooled), training, params).head());
        return new NDList(Activation.sigmoid(expand.forward(ps, new NDList(hidden), training, params).head()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), channels, 1, 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), inputShapes[0].get(1), 1, 1);
        reduce.initialize(manager, dataType, pooled);
        expand.initialize(manager, dataType, reduce.getOutputShapes(new Shape[] {pooled}));
    }
}
