package org.seg4j.model.instance.maskrcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The region proposal head, as torchvision's {@code RPNHead}, shared by every pyramid level: a 3x3
 * convolution + ReLU, then per anchor one objectness logit (1x1 convolution) and four box offsets
 * (1x1 convolution); weights drawn from N(0, 0.01²), biases 0. For each input level it returns
 * the objectness {@code [N, A, H, W]} and the offsets {@code [N, 4A, H, W]}, in that order.
 */
public final class RpnHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Block conv;
    private final Block objectness;
    private final Block offsets;
    private final int channels;

    /** A head for {@code channels}-channel maps and {@code anchors} anchors per location. */
    public RpnHead(int channels, int anchors) {
        super(VERSION);
        this.channels = channels;
        conv = addChildBlock("conv", Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                .setFilters(channels).build());
        objectness = addChildBlock("cls_logits", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters(anchors).build());
        offsets = addChildBlock("bbox_pred", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters(4 * anchors).build());
        setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDList out = new NDList(2 * inputs.size());
        for (NDArray level : inputs) {
            NDArray t = Activation.relu(conv.forward(ps, new NDList(level), training).head());
            out.add(objectness.forward(ps, new NDList(t), training).head());
            out.add(offsets.forward(ps, new NDList(t), training).head());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[2 * inputShapes.length];
        for (int i = 0; i < inputShapes.length; i++) {
            Shape t = conv.getOutputShapes(new Shape[] {inputShapes[i]})[0];
            out[2 * i] = objectness.getOutputShapes(new Shape[] {t})[0];
            out[2 * i + 1] = offsets.getOutputShapes(new Shape[] {t})[0];
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        conv.initialize(manager, dataType, s);
        Shape t = new Shape(s.get(0), channels, s.get(2), s.get(3));
        objectness.initialize(manager, dataType, t);
        offsets.initialize(manager, dataType, t);
    }
}
