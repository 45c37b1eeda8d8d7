package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A residual unit: {@code main(x) + shortcut(x)}, optionally followed by ReLU. The shortcut is the
 * identity when absent, else a projection (typically a strided 1x1 conv + BN) that matches the
 * main branch's channels and size. ResNet's units end with ReLU; MobileNetV2's inverted residuals
 * do not.
 */
public final class Residual extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block main;
    private final Block shortcut;
    private final boolean relu;

    /**
     * @param main the residual branch
     * @param shortcut the projection shortcut, or {@code null} for the identity
     * @param relu whether to apply ReLU after the sum
     */
    public Residual(Block main, Block shortcut, boolean relu) {
        super(VERSION);
        this.main = addChildBlock("main", main);
        this.shortcut = shortcut == null ? null : addChildBlock("shortcut", shortcut);
        this.relu = relu;
    }

    /** The residual branch. */
    public Block main() {
        return main;
    }

    /** The projection shortcut, or {@code null} for the identity. */
    public Block shortcut() {
        return shortcut;
    }

    /** Whether ReLU follows the sum. */
    public boolean hasRelu() {
        return relu;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray y = main.forward(ps, inputs, training, params).head();
        NDArray skip = shortcut == null ? inputs.head() : shortcut.forward(ps, inputs, training, params).head();
        NDArray sum = y.add(skip);
        NDArray out = relu ? Activation.relu(sum) : sum;
        if (!training) {
            Release.close(y, inputs.head());
            Release.close(skip, inputs.head());
            Release.close(sum, out);
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return main.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        main.initialize(manager, dataType, inputShapes);
        if (shortcut != null) {
            shortcut.initialize(manager, dataType, inputShapes);
        }
    }
}
