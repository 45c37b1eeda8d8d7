package org.seg4j.model.instance.maskrcnn;

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
import java.util.ArrayList;
import java.util.List;

/**
 * The mask head, as torchvision's {@code MaskRCNNHeads} + {@code MaskRCNNPredictor}: four 3x3
 * convolutions with ReLU on the pooled {@code [K, C, 14, 14]} region features, a 2x2 stride-2
 * transposed convolution with ReLU (28x28), and a 1x1 convolution to one mask logit map per class
 * including background: {@code [K, classes + 1, 28, 28]}.
 *
 * <p>DJL's PyTorch engine has no transposed convolution ({@code Deconvolution} throws "Not
 * implemented"). A 2x2 stride-2 one maps each input pixel to its own 2x2 output block, so it is
 * exactly a 1x1 convolution to {@code 4·C} channels followed by a pixel shuffle (depth to space),
 * which is what runs here (with one bias per sub-pixel instead of one per channel, a superset).
 */
public final class MaskHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final List<Block> convs = new ArrayList<>();
    private final Block deconv;
    private final Block logits;
    private final int channels;

    /** A head with {@code layers} convolutions of {@code channels} channels for {@code classes} thing classes. */
    public MaskHead(int layers, int channels, int classes) {
        super(VERSION);
        this.channels = channels;
        for (int i = 0; i < layers; i++) {
            convs.add(addChildBlock("mask_fcn" + (i + 1), Conv2d.builder().setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1)).setFilters(channels).build()));
        }
        deconv = addChildBlock("conv5_mask", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters(4 * channels).build());
        logits = addChildBlock("mask_fcn_logits", Conv2d.builder().setKernelShape(new Shape(1, 1))
                .setFilters(classes + 1).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.head();
        for (Block conv : convs) {
            x = Activation.relu(conv.forward(ps, new NDList(x), training).head());
        }
        Shape s = x.getShape();
        NDArray y = deconv.forward(ps, new NDList(x), training).head();
        // [K, C, 2, 2, H, W] -> [K, C, H, 2, W, 2] -> [K, C, 2H, 2W]
        y = y.reshape(s.get(0), channels, 2, 2, s.get(2), s.get(3)).transpose(0, 1, 4, 2, 5, 3)
                .reshape(s.get(0), channels, 2 * s.get(2), 2 * s.get(3));
        x = Activation.relu(y);
        return new NDList(logits.forward(ps, new NDList(x), training).head());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        Shape up = new Shape(s.get(0), channels, 2 * s.get(2), 2 * s.get(3));
        return logits.getOutputShapes(new Shape[] {up});
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        Shape x = s;
        for (Block conv : convs) {
            conv.initialize(manager, dataType, x);
            x = new Shape(s.get(0), channels, s.get(2), s.get(3));
        }
        deconv.initialize(manager, dataType, x);
        logits.initialize(manager, dataType, new Shape(s.get(0), channels, 2 * s.get(2), 2 * s.get(3)));
    }
}
