package org.seg4j.model.instance.maskrcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The box head, as torchvision's {@code TwoMLPHead} + {@code FastRCNNPredictor}: the pooled
 * {@code [K, C, 7, 7]} region features flattened, two fully connected layers with ReLU, then class
 * logits {@code [K, classes + 1]} (0 = background) and class-specific box offsets {@code [K,
 * 4·(classes + 1)]}.
 */
public final class BoxHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block fc6;
    private final Block fc7;
    private final Block classifier;
    private final Block regressor;
    private final int representation;

    /** A head with {@code representation} units per hidden layer for {@code classes} thing classes. */
    public BoxHead(int representation, int classes) {
        super(VERSION);
        this.representation = representation;
        fc6 = addChildBlock("fc6", Linear.builder().setUnits(representation).build());
        fc7 = addChildBlock("fc7", Linear.builder().setUnits(representation).build());
        classifier = addChildBlock("cls_score", Linear.builder().setUnits(classes + 1L).build());
        regressor = addChildBlock("bbox_pred", Linear.builder().setUnits(4L * (classes + 1)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        x = x.reshape(x.getShape().get(0), -1);
        x = Activation.relu(fc6.forward(ps, new NDList(x), training).head());
        x = Activation.relu(fc7.forward(ps, new NDList(x), training).head());
        return new NDList(classifier.forward(ps, new NDList(x), training).head(),
                regressor.forward(ps, new NDList(x), training).head());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape h = new Shape(inputShapes[0].get(0), representation);
        return new Shape[] {classifier.getOutputShapes(new Shape[] {h})[0], regressor.getOutputShapes(new Shape[] {h})[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        fc6.initialize(manager, dataType, new Shape(s.get(0), s.size() / s.get(0)));
        Shape h = new Shape(s.get(0), representation);
        fc7.initialize(manager, dataType, h);
        classifier.initialize(manager, dataType, h);
        regressor.initialize(manager, dataType, h);
    }
}
