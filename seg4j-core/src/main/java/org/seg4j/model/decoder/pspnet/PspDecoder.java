package org.seg4j.model.decoder.pspnet;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.decoder.TwoStageDecoder;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.PyramidPooling;

/**
 * The PSPNet decoder: {@link PyramidPooling} on the encoder's deepest feature, then a 3x3 conv + BN
 * + ReLU and dropout. The model's head classifies and upsamples by the output stride.
 */
public final class PspDecoder extends TwoStageDecoder {

    private PspDecoder(Builder b, int inChannels) {
        super(new int[] {b.encoder.outputStride()}, b.width, "pyramid",
                new PyramidPooling(inChannels, b.bins, Math.max(1, inChannels / b.bins.length)), "fuse",
                new SequentialBlock()
                        .add(Layers.convBnRelu(b.width, 3))
                        .add(Dropout.builder().optRate(b.dropout).build()));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@link #setEncoder} is required. */
    public static final class Builder {
        private Encoder encoder;
        private int width = 512;
        private int[] bins = {1, 2, 3, 6};
        private float dropout = 0.1f;

        private Builder() {}

        /** The encoder; its deepest feature is read. */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Channels of the 3x3 fusion conv (default 512). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Pooled sizes (default 1, 2, 3, 6). */
        public Builder optBins(int... bins) {
            this.bins = bins.clone();
            return this;
        }

        /** Dropout before the classifier (default 0.1). */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Validates and builds. */
        public PspDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("a pspnet decoder needs an encoder");
            }
            if (width < 1) {
                throw new Seg4jException("pspnet width must be positive, got " + width);
            }
            int[] channels = encoder.outChannels();
            return new PspDecoder(this, channels[channels.length - 1]);
        }
    }
}
