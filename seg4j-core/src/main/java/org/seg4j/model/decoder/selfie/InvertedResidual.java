package org.seg4j.model.decoder.selfie;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * MobileNetV3's inverted residual block as the selfie network has it: a 1x1 expansion and a {@code k
 * x k} depthwise convolution, each followed by ReLU or hard-swish, optional squeeze-excitation, a
 * linear 1x1 projection, and the input added back where stride and channels allow. Batch norm is
 * already folded into the convolutions' biases in the published weights.
 */
public final class InvertedResidual extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int outChannels;
    private final boolean residual;
    private final Activations.Kind activation;
    private final SameConv expand;
    private final SameConv depthwise;
    private final SqueezeExcite se;
    private final SameConv project;

    /**
     * @param in input channels
     * @param expansion channels of the expanded (depthwise) part
     * @param out output channels
     * @param kernel depthwise kernel side
     * @param stride depthwise stride
     * @param seChannels squeeze-excitation bottleneck channels, 0 for none
     * @param activation after the expansion and the depthwise convolution
     */
    InvertedResidual(int in, int expansion, int out, int kernel, int stride, int seChannels,
            Activations.Kind activation) {
        super(VERSION);
        this.outChannels = out;
        this.residual = stride == 1 && in == out;
        this.activation = activation;
        this.expand = addChildBlock("expand", SameConv.pointwise(expansion));
        this.depthwise = addChildBlock("depthwise", SameConv.depthwise(expansion, kernel, stride));
        this.se = seChannels > 0 ? addChildBlock("se", new SqueezeExcite(expansion, seChannels)) : null;
        this.project = addChildBlock("project", SameConv.pointwise(out));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray h = Activations.apply(activation, expand.forward(ps, inputs, training, params).head());
        h = Activations.apply(activation, depthwise.forward(ps, new NDList(h), training, params).head());
        if (se != null) {
            h = h.mul(se.forward(ps, new NDList(h), training, params).head());
        }
        NDArray y = project.forward(ps, new NDList(h), training, params).head();
        return new NDList(residual ? y.add(x) : y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = depthwise.getOutputShapes(inputShapes)[0];
        return new Shape[] {new Shape(s.get(0), outChannels, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        expand.initialize(manager, dataType, inputShapes);
        Shape[] e = expand.getOutputShapes(inputShapes);
        depthwise.initialize(manager, dataType, e);
        Shape[] d = depthwise.getOutputShapes(e);
        if (se != null) {
            se.initialize(manager, dataType, d);
        }
        project.initialize(manager, dataType, d);
    }
}
