package org.seg4j.model.decoder.fastfcn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.Atrous;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.Spatial;

/**
 * Joint Pyramid Upsampling (FastFCN, Wu et al., 2019), which replaces the dilated last stages of
 * a backbone: each input feature (strides 8, 16, 32) goes through a 3x3 conv + BN + ReLU to a
 * common width and is upsampled bilinearly to the finest one; the concatenation feeds parallel
 * depthwise-separable 3x3 units with dilations 1, 2, 4, 8, whose outputs are concatenated. The
 * output has {@code dilations.length x width} channels at the finest input's resolution.
 *
 * <p>Departures from the reference code (github.com/wuhuikai/FastFCN): its separable units have no
 * ReLU between the depthwise batch norm and the pointwise convolution, its upsampling aligns
 * corners, and it concatenates the deepest input first. The PyTorch twin in {@code
 * bench/parity/twins.py} follows this class.
 */
public final class JointPyramidUpsampling extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int width;
    private final Block[] reduce;
    private final Block[] dilated;

    /**
     * @param inputs number of input features, finest first
     * @param width common channels (512 in the paper)
     * @param dilations dilations of the parallel separable units (1, 2, 4, 8 in the paper)
     */
    public JointPyramidUpsampling(int inputs, int width, int... dilations) {
        super(VERSION);
        if (inputs < 1 || width < 1 || dilations.length == 0) {
            throw new Seg4jException("joint pyramid upsampling needs inputs, a positive width and dilations");
        }
        this.width = width;
        this.reduce = new Block[inputs];
        for (int i = 0; i < inputs; i++) {
            reduce[i] = addChildBlock("reduce" + i, Layers.convBnRelu(width, 3));
        }
        this.dilated = new Block[dilations.length];
        for (int i = 0; i < dilations.length; i++) {
            dilated[i] = addChildBlock("dilation" + dilations[i], Atrous.separableBnRelu(inputs * width, width, dilations[i]));
        }
    }

    /** Output channels. */
    public int outChannels() {
        return dilated.length * width;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList reduced = new NDList(reduce.length);
        Shape finest = inputs.get(0).getShape();
        for (int i = 0; i < reduce.length; i++) {
            NDArray y = reduce[i].forward(ps, new NDList(inputs.get(i)), training, params).head();
            reduced.add(Spatial.resize(y, Spatial.height(finest), Spatial.width(finest)));
        }
        NDList joint = new NDList(NDArrays.concat(reduced, 1));
        NDList parts = new NDList(dilated.length);
        for (Block d : dilated) {
            parts.add(d.forward(ps, joint, training, params).head());
        }
        return new NDList(NDArrays.concat(parts, 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), outChannels(), s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int i = 0; i < reduce.length; i++) {
            reduce[i].initialize(manager, dataType, inputShapes[i]);
        }
        Shape s = inputShapes[0];
        Shape joint = new Shape(s.get(0), (long) reduce.length * width, s.get(2), s.get(3));
        for (Block d : dilated) {
            d.initialize(manager, dataType, joint);
        }
    }
}
