package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Learned upsampling by an integer factor {@code s}: a 3x3 convolution to {@code filters * s * s}
 * channels followed by a pixel shuffle (depth to space; Shi et al., 2016).
 *
 * <p>It stands in for a transposed convolution, which DJL's PyTorch engine does not implement
 * ({@code Deconvolution} throws "Not implemented"). Every transposed convolution with kernel
 * {@code 2s}, stride {@code s} and padding {@code s/2} (FCN's) equals this block with particular
 * weights, since each output pixel depends on at most a 3x3 input neighbourhood. The weights start
 * as bilinear interpolation ({@link BilinearInitializer}).
 */
public final class SubPixelUpsample extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final int factor;
    private final Conv2d conv;

    /**
     * @param filters output channels
     * @param factor upsampling factor, at least 2
     */
    public SubPixelUpsample(int filters, int factor) {
        super(VERSION);
        if (factor < 2) {
            throw new IllegalArgumentException("upsampling factor must be at least 2, got " + factor);
        }
        this.filters = filters;
        this.factor = factor;
        this.conv = addChildBlock("conv", Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters * factor * factor)
                .optBias(false)
                .build());
        conv.setInitializer(new BilinearInitializer(factor), Parameter.Type.WEIGHT);
    }

    /** The upsampling factor. */
    public int factor() {
        return factor;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(shuffle(conv.forward(ps, inputs, training, params).head(), filters, factor));
    }

    /**
     * Pixel shuffle (depth to space): {@code N x (C * f * f) x H x W} to {@code N x C x (H * f) x (W *
     * f)}, channel {@code c * f * f + i * f + j} becoming output pixel {@code (f * y + i, f * x + j)}
     * of channel {@code c}, as PyTorch's {@code pixel_shuffle}.
     */
    public static NDArray shuffle(NDArray y, int channels, int factor) {
        Shape s = y.getShape();
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        return y.reshape(n, channels, factor, factor, h, w)
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(n, channels, h * factor, w * factor);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), filters, s.get(2) * factor, s.get(3) * factor)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
    }
}
