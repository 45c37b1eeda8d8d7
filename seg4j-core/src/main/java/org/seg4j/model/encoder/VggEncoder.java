package org.seg4j.model.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.MaxUnpooling;

/**
 * The VGG-16 convolutional layers (Simonyan and Zisserman, 2014) with batch norm: five blocks of
 * 2, 2, 3, 3, 3 3x3 conv + BN + ReLU units, each block followed by 2x2 max pooling. The stage
 * outputs are the pooled maps pool1..pool5 at strides 2, 4, 8, 16, 32; FCN reads pool3, pool4 and
 * pool5. Channels are 64, 128, 256, 512, 512 scaled by {@code width / 64}.
 *
 * <p><b>Keeping the pooling switches (SegNet).</b> Built with {@link Builder#optSwitches}, the same
 * network (same parameters and names, so weights move between FCN, SegNet and torchvision's
 * vgg16_bn) pools with {@link MaxUnpooling#maxPoolWithSwitches} and its outputs become the five
 * switch masks of pool1..pool5, at strides 1, 2, 4, 8, 16 (the resolution of the map each pooling
 * reads) with that map's channels, followed by pool5 at stride 32. {@link #outChannels()} and
 * {@link #reductions()} describe those six arrays, so the unchanged {@code SegmentationModel}
 * routes them to SegNet's decoder.
 */
public final class VggEncoder extends StageEncoder {

    private static final byte VERSION = 1;

    /** Default channels of the first block (the original VGG-16). */
    public static final int DEFAULT_WIDTH = 64;

    private static final int[] CONVS_PER_BLOCK = {2, 2, 3, 3, 3};
    private static final int[] WIDTH_FACTOR = {1, 2, 4, 8, 8};

    private final boolean switches;

    private VggEncoder(int width, boolean switches) {
        super(VERSION, "vgg16");
        this.switches = switches;
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

    /** Conv + BN + ReLU units in each of the five blocks (2, 2, 3, 3, 3). */
    public static int[] convsPerBlock() {
        return CONVS_PER_BLOCK.clone();
    }

    /** Whether the outputs are the pooling switches and pool5 (see the class comment). */
    public boolean keepsSwitches() {
        return switches;
    }

    /** Channels of the five conv blocks, highest resolution first. */
    public int[] blockChannels() {
        return super.outChannels();
    }

    @Override
    public int[] outChannels() {
        int[] blocks = super.outChannels();
        if (!switches) {
            return blocks;
        }
        int[] c = java.util.Arrays.copyOf(blocks, blocks.length + 1);
        c[blocks.length] = blocks[blocks.length - 1];
        return c;
    }

    @Override
    public int[] reductions() {
        if (!switches) {
            return super.reductions();
        }
        int[] r = new int[CONVS_PER_BLOCK.length + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = 1 << i;
        }
        return r;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        if (!switches) {
            return super.forwardInternal(ps, inputs, training, params);
        }
        NDList out = new NDList(CONVS_PER_BLOCK.length + 1);
        NDArray x = inputs.head();
        for (Block stage : stages()) {
            // the block's convolutions, then the pooling that keeps its switches instead of its own
            List<Block> units = stage.getChildren().values();
            NDList y = new NDList(x);
            for (int i = 0; i < units.size() - 1; i++) {
                y = units.get(i).forward(ps, y, training, params);
            }
            NDList pooled = MaxUnpooling.maxPoolWithSwitches(y.head());
            out.add(pooled.get(1));
            x = pooled.get(0);
        }
        out.add(x);
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] pooled = super.getOutputShapes(inputShapes);
        if (!switches) {
            return pooled;
        }
        Shape[] out = new Shape[pooled.length + 1];
        for (int i = 0; i < pooled.length; i++) {
            Shape p = pooled[i];
            out[i] = new Shape(p.get(0), p.get(1), p.get(2) * 2, p.get(3) * 2);
        }
        out[pooled.length] = pooled[pooled.length - 1];
        return out;
    }

    /** Builder; all settings optional. */
    public static final class Builder {
        private int width = DEFAULT_WIDTH;
        private boolean switches;

        private Builder() {}

        /** Channels of the first block (default 64, as in VGG-16; 8 or 16 for quick experiments). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Output the pooling switches and pool5 instead of pool1..pool5 (default false; SegNet). */
        public Builder optSwitches(boolean switches) {
            this.switches = switches;
            return this;
        }

        /** Validates and builds. */
        public VggEncoder build() {
            if (width < 1) {
                throw new Seg4jException("vgg16 encoder width must be at least 1, got " + width);
            }
            return new VggEncoder(width, switches);
        }
    }
}
