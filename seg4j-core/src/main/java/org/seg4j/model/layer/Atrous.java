package org.seg4j.model.layer;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;

/**
 * Atrous (dilated) and depthwise-separable convolution units, as used by DeepLab, PSPNet and
 * FastFCN. Padding equals the dilation, so a 3x3 unit keeps the spatial size.
 */
public final class Atrous {

    private Atrous() {}

    /** A 3x3 convolution with dilation {@code rate} (no bias), batch norm and ReLU. */
    public static SequentialBlock convBnRelu(int filters, int rate) {
        return new FoldableSequence()
                .add(Layers.sameConv(filters, 3, 1, rate, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /**
     * A depthwise-separable 3x3 unit (Chollet, 2017; DeepLabV3+'s "sep conv"): a depthwise 3x3
     * convolution with dilation {@code rate} ({@code groups = inChannels}) + BN + ReLU, then a
     * pointwise 1x1 convolution to {@code filters} + BN + ReLU.
     *
     * @param inChannels channels of the input (the depthwise convolution keeps them)
     */
    public static SequentialBlock separableBnRelu(int inChannels, int filters, int rate) {
        return new FoldableSequence()
                .add(Layers.sameConv(inChannels, 3, 1, rate, inChannels))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Layers.convBnRelu(filters, 1));
    }
}
