package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;

/**
 * Squeeze-and-excitation (Hu et al., 2018) as torchvision's {@code ops.SqueezeExcitation}: the
 * input scaled per channel by {@code gate(fc2(relu(fc1(avgpool(x)))))}, where {@code fc1} and
 * {@code fc2} are 1x1 convolutions with bias down to {@code squeeze} channels and back. MobileNetV3
 * gates with a hard sigmoid, the original paper with a sigmoid.
 */
public final class SqueezeExcitation extends AbstractBlock {

    private static final byte VERSION = 1;

    /** The activation that turns the excitation into per-channel scales. */
    public enum Gate {
        /** The logistic sigmoid (Hu et al.). */
        SIGMOID,
        /** {@link HardActivations#hardSigmoid} (MobileNetV3). */
        HARD_SIGMOID
    }

    private final int channels;
    private final Gate gate;
    private final Block fc1;
    private final Block fc2;

    /**
     * @param channels input (and output) channels
     * @param squeeze channels of the bottleneck
     * @param gate the activation of the scales
     */
    public SqueezeExcitation(int channels, int squeeze, Gate gate) {
        super(VERSION);
        if (channels < 1 || squeeze < 1 || gate == null) {
            throw new Seg4jException("squeeze-excitation needs channels and squeeze channels >= 1 and a gate, got "
                    + channels + ", " + squeeze + ", " + gate);
        }
        this.channels = channels;
        this.gate = gate;
        this.fc1 = addChildBlock("fc1", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(squeeze).build());
        this.fc2 = addChildBlock("fc2", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(channels).build());
    }

    /** The activation of the scales. */
    public Gate gate() {
        return gate;
    }

    /** The squeezing 1x1 convolution. */
    public Block fc1() {
        return fc1;
    }

    /** The exciting 1x1 convolution. */
    public Block fc2() {
        return fc2;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDArray pooled = x.mean(new int[] {3}, true).mean(new int[] {2}, true);
        NDArray squeezed = fc1.forward(ps, new NDList(pooled), training, params).head();
        NDArray hidden = Activation.relu(squeezed);
        NDArray excited = fc2.forward(ps, new NDList(hidden), training, params).head();
        NDArray scale = gate == Gate.HARD_SIGMOID ? HardActivations.hardSigmoid(excited) : Activation.sigmoid(excited);
        NDArray out = scale.mul(x);
        if (!training) {
            for (NDArray a : new NDArray[] {pooled, squeezed, hidden, excited, scale}) {
                Release.close(a, x);
            }
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape pooled = new Shape(inputShapes[0].get(0), channels, 1, 1);
        fc1.initialize(manager, dataType, pooled);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(new Shape[] {pooled}));
    }
}
