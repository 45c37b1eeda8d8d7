package org.seg4j.model.instance.maskrcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * Feature pyramid network (Lin et al., 2017), as torchvision's {@code FeaturePyramidNetwork} with
 * {@code LastLevelMaxPool}: a 1x1 lateral convolution per input level, a top-down path that adds
 * each coarser map upsampled 2x (nearest), a 3x3 output convolution per level, and one extra level
 * P6 subsampled from P5 (max pooling with kernel 1, stride 2) for the RPN only. Input maps must
 * halve exactly from level to level (the model pads images to a multiple of the deepest stride).
 */
public final class Fpn extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final List<Block> laterals = new ArrayList<>();
    private final List<Block> outputs = new ArrayList<>();

    /** An FPN over {@code levels} input maps with {@code channels} output channels. */
    public Fpn(int levels, int channels) {
        super(VERSION);
        this.channels = channels;
        for (int i = 0; i < levels; i++) {
            laterals.add(addChildBlock("lateral" + i, Conv2d.builder().setKernelShape(new Shape(1, 1))
                    .setFilters(channels).build()));
            outputs.add(addChildBlock("output" + i, Conv2d.builder().setKernelShape(new Shape(3, 3))
                    .optPadding(new Shape(1, 1)).setFilters(channels).build()));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
            PairList<String, Object> params) {
        int n = laterals.size();
        if (inputs.size() != n) {
            throw new IllegalArgumentException("FPN has " + n + " levels, got " + inputs.size() + " feature maps");
        }
        NDArray[] out = new NDArray[n + 1];
        NDArray top = null;
        for (int i = n - 1; i >= 0; i--) {
            NDArray lateral = laterals.get(i).forward(ps, new NDList(inputs.get(i)), training).head();
            if (top != null) {
                NDArray up = top.repeat(2, 2).repeat(3, 2);
                if (!up.getShape().equals(lateral.getShape())) {
                    throw new IllegalArgumentException("FPN level " + i + " is " + lateral.getShape()
                            + ", twice the next level gives " + up.getShape() + ": pad images to a multiple of 32");
                }
                lateral = lateral.add(up);
            }
            top = lateral;
            out[i] = outputs.get(i).forward(ps, new NDList(lateral), training).head();
        }
        out[n] = out[n - 1].get(":, :, ::2, ::2");
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[inputShapes.length + 1];
        for (int i = 0; i < inputShapes.length; i++) {
            Shape s = inputShapes[i];
            out[i] = new Shape(s.get(0), channels, s.get(2), s.get(3));
        }
        Shape last = out[inputShapes.length - 1];
        out[inputShapes.length] = new Shape(last.get(0), channels, (last.get(2) + 1) / 2, (last.get(3) + 1) / 2);
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (int i = 0; i < laterals.size(); i++) {
            laterals.get(i).initialize(manager, dataType, inputShapes[i]);
            Shape s = inputShapes[i];
            outputs.get(i).initialize(manager, dataType, new Shape(s.get(0), channels, s.get(2), s.get(3)));
        }
    }
}
