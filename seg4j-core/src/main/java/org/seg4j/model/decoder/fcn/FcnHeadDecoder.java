package org.seg4j.model.decoder.fcn;

import ai.djl.nn.norm.Dropout;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.decoder.TwoStageDecoder;
import org.seg4j.model.layer.FoldableSequence;
import org.seg4j.model.layer.Layers;

/**
 * The FCN head of torchvision's {@code fcn_resnet50} ({@code FCNHead}) as a decoder: on the
 * encoder's deepest feature, a 3x3 conv (a quarter of the input channels by default) + BN + ReLU,
 * then dropout; no context module. The model's head is the 1x1 classifier, upsampled by the output
 * stride.
 */
public final class FcnHeadDecoder extends TwoStageDecoder {

    private FcnHeadDecoder(Builder b, int width) {
        super(new int[] {b.encoder.outputStride()}, width, null, null, "conv", new FoldableSequence()
                .add(Layers.convBnRelu(width, 3))
                .add(Dropout.builder().optRate(b.dropout).build()));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@link #setEncoder} is required. */
    public static final class Builder {
        private Encoder encoder;
        private int width;
        private float dropout = 0.1f;

        private Builder() {}

        /** The encoder; its deepest feature is read. */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Channels of the 3x3 conv (default 0: a quarter of the deepest feature's, as torchvision). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Dropout before the classifier (default 0.1, as torchvision). */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Validates and builds. */
        public FcnHeadDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("an fcn head decoder needs an encoder");
            }
            if (width < 0) {
                throw new Seg4jException("fcn head width must be positive (or 0: automatic), got " + width);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new Seg4jException("fcn head dropout must be in [0, 1), got " + dropout);
            }
            int[] channels = encoder.outChannels();
            return new FcnHeadDecoder(this, width > 0 ? width : Math.max(1, channels[channels.length - 1] / 4));
        }
    }
}
