package org.seg4j.model.decoder.deeplab;

import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.decoder.TwoStageDecoder;
import org.seg4j.model.layer.Layers;

/**
 * The DeepLabV3 decoder (Chen et al., 2017): {@link Aspp} on the encoder's deepest feature, then a
 * 3x3 conv + BN + ReLU (as torchvision's {@code DeepLabHead}). The classifier and the bilinear
 * upsampling by the output stride are the model's {@link org.seg4j.model.SegmentationHead}.
 */
public final class DeepLabV3Decoder extends TwoStageDecoder {

    private DeepLabV3Decoder(Builder b, int inChannels) {
        super(new int[] {b.encoder.outputStride()}, b.width, "aspp", Aspp.builder()
                .setInChannels(inChannels)
                .setWidth(b.width)
                .setRates(b.rates)
                .optDropout(b.dropout)
                .optPoolingBatchNorm(b.poolingBatchNorm)
                .build(), "conv", Layers.convBnRelu(b.width, 3));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@link #setEncoder} is required. */
    public static final class Builder {
        private Encoder encoder;
        private int width = 256;
        private int[] rates = {6, 12, 18};
        private float dropout = 0.1f;
        private boolean poolingBatchNorm;

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

        /** torchvision's ASPP image-pooling branch with batch norm (see {@link Aspp.Builder#optPoolingBatchNorm}). */
        public Builder optPoolingBatchNorm(boolean poolingBatchNorm) {
            this.poolingBatchNorm = poolingBatchNorm;
            return this;
        }

        /** Validates and builds. */
        public DeepLabV3Decoder build() {
            if (encoder == null) {
                throw new Seg4jException("a deeplabv3 decoder needs an encoder");
            }
            int[] channels = encoder.outChannels();
            return new DeepLabV3Decoder(this, channels[channels.length - 1]);
        }
    }
}
