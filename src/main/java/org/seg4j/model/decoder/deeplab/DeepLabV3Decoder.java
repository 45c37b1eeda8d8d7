package org.seg4j.model.decoder.deeplab;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.layer.Layers;

/**
 * The DeepLabV3 decoder (Chen et al., 2017): {@link Aspp} on the encoder's deepest feature, then a
 * 3x3 conv + BN + ReLU (as torchvision's {@code DeepLabHead}). The classifier and the bilinear
 * upsampling by the output stride are the model's {@link org.seg4j.model.SegmentationHead}.
 */
public final class DeepLabV3Decoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    private final int stride;
    private final int width;
    private final Aspp aspp;
    private final Block conv;

    private DeepLabV3Decoder(Builder b) {
        super(VERSION);
        int[] channels = b.encoder.outChannels();
        this.stride = b.encoder.outputStride();
        this.width = b.width;
        this.aspp = addChildBlock("aspp", Aspp.builder()
                .setInChannels(channels[channels.length - 1])
                .setWidth(width)
                .setRates(b.rates)
                .optDropout(b.dropout)
                .build());
        this.conv = addChildBlock("conv", Layers.convBnRelu(width, 3));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int[] featureReductions() {
        return new int[] {stride};
    }

    @Override
    public int outChannels() {
        return width;
    }

    @Override
    public int outputReduction() {
        return stride;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        return conv.forward(ps, aspp.forward(ps, features, training, params), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return aspp.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        aspp.initialize(manager, dataType, inputShapes);
        conv.initialize(manager, dataType, aspp.getOutputShapes(inputShapes));
    }

    /** Builder: {@link #setEncoder} is required. */
    public static final class Builder {
        private Encoder encoder;
        private int width = 256;
        private int[] rates = {6, 12, 18};
        private float dropout = 0.1f;

        private Builder() {}

        /** The encoder; its deepest feature is read. */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Channels of ASPP and of the output (default 256). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Atrous rates (default 6, 12, 18: output stride 16). */
        public Builder optRates(int... rates) {
            this.rates = rates.clone();
            return this;
        }

        /** Dropout after the ASPP projection (default 0.1). */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Validates and builds. */
        public DeepLabV3Decoder build() {
            if (encoder == null) {
                throw new Seg4jException("a deeplabv3 decoder needs an encoder");
            }
            return new DeepLabV3Decoder(this);
        }
    }
}
