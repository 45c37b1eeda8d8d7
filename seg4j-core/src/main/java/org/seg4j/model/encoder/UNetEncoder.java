package org.seg4j.model.encoder;

import ai.djl.nn.SequentialBlock;
import org.seg4j.model.layer.FoldableSequence;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.Layers;

/**
 * The contracting path of U-Net (Ronneberger et al., 2015), with batch norm: stage 0 is a double
 * 3x3 conv + BN + ReLU at full resolution with {@code width} channels; each of the {@code depth}
 * following stages max-pools by 2 and doubles the channels. Reductions are 1, 2, ..., 2^depth.
 */
public final class UNetEncoder extends StageEncoder {

    private static final byte VERSION = 1;

    /** Default number of downsamplings. */
    public static final int DEFAULT_DEPTH = 4;
    /** Default channels of the first stage. */
    public static final int DEFAULT_WIDTH = 32;

    private UNetEncoder(Builder b) {
        super(VERSION, "unet");
        addStage(Layers.doubleConv(b.width), b.width, 1);
        for (int i = 1; i <= b.depth; i++) {
            int filters = b.width << i;
            addStage(new FoldableSequence().add(Layers.maxPool2()).add(Layers.doubleConv(filters)), filters, 1 << i);
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder; all settings optional. */
    public static final class Builder {
        private int width = DEFAULT_WIDTH;
        private int depth = DEFAULT_DEPTH;

        private Builder() {}

        /** Channels of the first stage (default 32). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Number of 2x downsamplings (default 4, output stride 16). */
        public Builder optDepth(int depth) {
            this.depth = depth;
            return this;
        }

        /** Validates and builds. */
        public UNetEncoder build() {
            if (width < 1) {
                throw new Seg4jException("unet encoder width must be at least 1, got " + width);
            }
            if (depth < 1 || depth > 6) {
                throw new Seg4jException("unet encoder depth must be 1..6, got " + depth);
            }
            return new UNetEncoder(this);
        }
    }
}
