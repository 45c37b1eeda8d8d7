package org.seg4j.model.decoder.fastscnn;

import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.BatchNorm;
import org.seg4j.model.layer.Layers;

/** The convolution units Fast-SCNN is made of; every convolution is bias-free and followed by batch norm. */
final class FastScnnLayers {

    private FastScnnLayers() {}

    /** A {@code k x k} convolution with the given stride, "same" padding, batch norm and ReLU. */
    static SequentialBlock convBnRelu(int filters, int kernel, int stride) {
        return new SequentialBlock()
                .add(Layers.sameConv(filters, kernel, stride, 1, 1))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /** A 1x1 convolution and batch norm, without activation (a linear projection). */
    static SequentialBlock pointwiseBn(int filters) {
        return new SequentialBlock().add(Layers.sameConv(filters, 1, 1, 1, 1)).add(BatchNorm.builder().build());
    }

    /** A 1x1 convolution, batch norm and ReLU. */
    static SequentialBlock pointwiseBnRelu(int filters) {
        return pointwiseBn(filters).add(Activation.reluBlock());
    }

    /** A depthwise 3x3 convolution over {@code channels} channels (stride, dilation), batch norm and ReLU. */
    static SequentialBlock depthwiseBnRelu(int channels, int stride, int dilation) {
        return new SequentialBlock()
                .add(Layers.sameConv(channels, 3, stride, dilation, channels))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock());
    }

    /**
     * A depthwise-separable convolution: depthwise 3x3 (stride {@code stride}) + BN + ReLU, then
     * pointwise 1x1 to {@code filters} + BN + ReLU.
     */
    static SequentialBlock separable(int inChannels, int filters, int stride) {
        return new SequentialBlock().add(depthwiseBnRelu(inChannels, stride, 1)).add(pointwiseBnRelu(filters));
    }
}
