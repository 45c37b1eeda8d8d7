package org.seg4j.model.decoder.fastfcn;

import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import java.util.Arrays;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.decoder.TwoStageDecoder;
import org.seg4j.model.decoder.deeplab.Aspp;
import org.seg4j.model.layer.Layers;

/**
 * The FastFCN decoder: {@link JointPyramidUpsampling} over the encoder's last three strides (8,
 * 16 and 32 for an undilated ResNet or VGG, as in the paper), then a segmentation head at the
 * finest of them: {@code fcn} (3x3 conv + BN + ReLU + dropout, the paper's FCN head) or {@code
 * aspp} (a DeepLabV3 {@link Aspp} with rates 12, 24, 36, the rates for stride 8). The model's head
 * classifies and upsamples (x8 in the paper's setting).
 */
public final class FastFcnDecoder extends TwoStageDecoder {

    /** Number of encoder stages JPU joins. */
    static final int STAGES = 3;
    /** Dilations of JPU's parallel units. */
    static final int[] DILATIONS = {1, 2, 4, 8};

    private FastFcnDecoder(Builder b, int[] strides, JointPyramidUpsampling jpu) {
        super(strides, b.width, "jpu", jpu, "head", switch (b.head) {
            case "fcn" -> new SequentialBlock()
                    .add(Layers.convBnRelu(b.width, 3))
                    .add(Dropout.builder().optRate(b.dropout).build());
            case "aspp" -> Aspp.builder()
                    .setInChannels(jpu.outChannels())
                    .setWidth(b.width)
                    .setRates(12, 24, 36)
                    .optDropout(b.dropout)
                    .build();
            default -> throw new IllegalStateException(b.head);
        });
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder: {@link #setEncoder} is required. */
    public static final class Builder {
        private Encoder encoder;
        private int width = 512;
        private String head = "fcn";
        private float dropout = 0.1f;

        private Builder() {}

        /** The encoder; its last three distinct strides are read (8, 16, 32 for ResNet or VGG). */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Channels of JPU's units and of the head (default 512, as in the paper). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** The head after JPU: {@code fcn} (default) or {@code aspp}. */
        public Builder optHead(String head) {
            this.head = head.trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /** Dropout in the head (default 0.1). */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Validates and builds. */
        public FastFcnDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("a fastfcn decoder needs an encoder");
            }
            int[] distinct = Arrays.stream(encoder.reductions()).distinct().toArray();
            if (distinct.length < STAGES) {
                throw new Seg4jException("fastfcn needs an encoder with at least " + STAGES + " strides; '"
                        + encoder.name() + "' has " + Arrays.toString(encoder.reductions()));
            }
            if (width < 1) {
                throw new Seg4jException("fastfcn width must be positive, got " + width);
            }
            if (!head.equals("fcn") && !head.equals("aspp")) {
                throw new Seg4jException("model option head must be fcn or aspp, got '" + head + "'");
            }
            return new FastFcnDecoder(this, Arrays.copyOfRange(distinct, distinct.length - STAGES, distinct.length),
                    new JointPyramidUpsampling(STAGES, width, DILATIONS));
        }
    }
}
