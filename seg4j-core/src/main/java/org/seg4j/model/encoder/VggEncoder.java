package org.seg4j.model.encoder;

import ai.djl.nn.SequentialBlock;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.Layers;

/**
 * The VGG-16 convolutional layers (Simonyan and Zisserman, 2014) with batch norm: five blocks of
 * 2, 2, 3, 3, 3 3x3 conv + BN + ReLU units, each block followed by 2x2 max pooling. The stage
 * outputs are the pooled maps pool1..pool5 at strides 2, 4, 8, 16, 32; FCN reads pool3, pool4 and
 * pool5. Channels are 64, 128, 256, 512, 512 scaled by {@code width / 64}.
 */
public final class VggEncoder extends StageEncoder {

    private static final byte VERSION = 1;

    /** Default channels of the first block (the original VGG-16). */
    public static final int DEFAULT_WIDTH = 64;

    private static final int[] CONVS_PER_BLOCK = {2, 2, 3, 3, 3};
    private static final int[] WIDTH_FACTOR = {1, 2, 4, 8, 8};

    private VggEncoder(int width) {
        super(VERSION, "vgg16");
        for (int i = 0; i < CONVS_PER_BLOCK.length; i++) {
            int filters = width * WIDTH_FACTOR[i];
            SequentialBlock block = new SequentialBlock();
            for (int c = 0; c < CONVS_PER_BLOCK[i]; c++) {
                block.add(Layers.convBnRelu(filters, 3));
            }
            block.add(Layers.maxPool2());
            addStage(block, filters, 2 << i);
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder; all settings optional. */
    public static final class Builder {
        private int width = DEFAULT_WIDTH;

        private Builder() {}

        /** Channels of the first block (default 64, as in VGG-16; 8 or 16 for quick experiments). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Validates and builds. */
        public VggEncoder build() {
            if (width < 1) {
                throw new Seg4jException("vgg16 encoder width must be at least 1, got " + width);
            }
            return new VggEncoder(width);
        }
    }
}
