package org.seg4j.model.layer;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/** Factories for the convolution units the architectures are made of. */
public final class Layers {

    private Layers() {}

    /**
     * A {@code k x k} convolution (no bias: the batch norm that follows has one), batch norm and
     * ReLU, with "same" padding; batch norm can be folded for inference ({@link BatchNormFolding}).
     */
    public static SequentialBlock convBnRelu(int filters, int kernel) {
        return new FoldableSequence()
                .add(sameConv(filters, kernel, 1, 1, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /**
     * A {@code k x k} convolution without bias (a norm follows it) and with "same" padding for its
     * dilation ({@code dilation * (k / 2)}), so the output size only depends on the stride.
     */
    public static Conv2d sameConv(int filters, int kernel, int stride, int dilation, int groups) {
        int pad = dilation * (kernel / 2);
        return Conv2d.builder()
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optDilation(new Shape(dilation, dilation))
                .optGroups(groups)
                .setFilters(filters)
                .optBias(false)
                .build();
    }

    /** Two 3x3 conv + BN + ReLU units, the U-Net's basic block. */
    public static SequentialBlock doubleConv(int filters) {
        return new FoldableSequence().add(convBnRelu(filters, 3)).add(convBnRelu(filters, 3));
    }

    /** A plain 1x1 convolution with bias (classifier / score layer). */
    public static Block conv1x1(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build();
    }

    /** 2x2 max pooling with stride 2. */
    public static Block maxPool2() {
        return Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2));
    }

    /**
     * Learned upsampling by {@code factor}, initialised to bilinear interpolation (see {@link
     * SubPixelUpsample} for why this is not a transposed convolution).
     */
    public static Block upsampleLearned(int filters, int factor) {
        return new SubPixelUpsample(filters, factor);
    }
}
