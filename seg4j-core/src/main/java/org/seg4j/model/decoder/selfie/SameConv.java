package org.seg4j.model.decoder.selfie;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.model.layer.Release;

/**
 * A {@code k x k} convolution with bias that pads like TensorFlow's {@code SAME}: the output is
 * {@code ceil(size / stride)} and the padding, {@code max((out - 1) * stride + k - size, 0)} in
 * total, puts the odd pixel after the input. At stride 2 with an even size that is no padding
 * before and one row (3x3) or two rows (5x5) after, where PyTorch's symmetric padding would shift
 * every sampled pixel by one; at stride 1 with an odd kernel it is symmetric.
 */
public final class SameConv extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int kernel;
    private final int stride;
    private final int filters;
    private final Conv2d conv;

    /**
     * @param filters output channels
     * @param kernel odd kernel side
     * @param stride 1 or 2
     * @param groups 1, or the channel count for a depthwise convolution
     */
    public SameConv(int filters, int kernel, int stride, int groups) {
        super(VERSION);
        if (kernel % 2 == 0 || stride < 1) {
            throw new IllegalArgumentException("SAME convolution needs an odd kernel and a positive stride, got "
                    + kernel + " and " + stride);
        }
        this.kernel = kernel;
        this.stride = stride;
        this.filters = filters;
        int symmetric = stride == 1 ? kernel / 2 : 0;
        this.conv = addChildBlock("conv", Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(symmetric, symmetric))
                .optGroups(groups)
                .setFilters(filters)
                .build());
    }

    /** A 1x1 convolution with bias. */
    public static SameConv pointwise(int filters) {
        return new SameConv(filters, 1, 1, 1);
    }

    /** A depthwise {@code k x k} convolution over {@code channels} channels. */
    public static SameConv depthwise(int channels, int kernel, int stride) {
        return new SameConv(channels, kernel, stride, channels);
    }

    /** Padding {before, after} of one axis of {@code size} pixels. */
    static long[] padding(long size, int kernel, int stride) {
        long out = (size + stride - 1) / stride;
        long total = Math.max((out - 1) * stride + kernel - size, 0);
        return new long[] {total / 2, total - total / 2};
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        if (stride == 1) {
            return conv.forward(ps, inputs, training, params);
        }
        Shape s = x.getShape();
        long[] ph = padding(s.get(2), kernel, stride);
        long[] pw = padding(s.get(3), kernel, stride);
        NDArray padded = ph[0] + ph[1] + pw[0] + pw[1] == 0 ? x : x.pad(new Shape(pw[0], pw[1], ph[0], ph[1]), 0);
        NDList out = conv.forward(ps, new NDList(padded), training, params);
        if (!training && padded != x) {
            Release.close(padded, out.head());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), filters, (s.get(2) + stride - 1) / stride,
                (s.get(3) + stride - 1) / stride)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        long h = s.get(2) + (stride == 1 ? 0 : sum(padding(s.get(2), kernel, stride)));
        long w = s.get(3) + (stride == 1 ? 0 : sum(padding(s.get(3), kernel, stride)));
        conv.initialize(manager, dataType, new Shape(s.get(0), s.get(1), h, w));
    }

    private static long sum(long[] p) {
        return p[0] + p[1];
    }
}
