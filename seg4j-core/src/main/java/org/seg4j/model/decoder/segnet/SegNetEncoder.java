package org.seg4j.model.decoder.segnet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.layer.Layers;

/**
 * SegNet's encoder: the 13 convolutional layers of VGG-16 with batch norm (five blocks of 2, 2, 3,
 * 3, 3 3x3 conv + BN + ReLU units, channels 64, 128, 256, 512, 512 scaled by {@code width / 64}),
 * each block followed by a 2x2 max pooling that keeps its switches (see {@link MaxUnpooling}).
 *
 * <p><b>How the switches reach the decoder within the {@link Encoder} contract.</b> The encoder's
 * "stages" are the five switch masks followed by the last pooled map:
 *
 * <ul>
 *   <li>stages 0..4: the switch mask of pool1..pool5, at strides 1, 2, 4, 8, 16 (the resolution of
 *       the map each pooling reads) with that map's channels; values are 0/1, one 1 per 2x2 window;
 *   <li>stage 5: pool5, the encoder's feature, at stride 32.
 * </ul>
 *
 * So {@link #outChannels()} and {@link #reductions()} describe real arrays at real strides, and the
 * unchanged {@link org.seg4j.model.SegmentationModel} routes them to {@link SegNetDecoder}, which
 * asks for all six. The intermediate pooled maps pool1..pool4 are not exposed: SegNet's decoder
 * only reads pool5 and the switches. Because the stage outputs are masks rather than features, this
 * encoder is not registered in {@link org.seg4j.model.encoder.Encoders} for use by other decoders.
 */
public final class SegNetEncoder extends AbstractBlock implements Encoder {

    private static final byte VERSION = 1;

    /** Default channels of the first block (the original VGG-16). */
    public static final int DEFAULT_WIDTH = 64;

    static final int[] CONVS_PER_BLOCK = {2, 2, 3, 3, 3};
    private static final int[] WIDTH_FACTOR = {1, 2, 4, 8, 8};

    private final Block[] blocks;
    private final int[] blockChannels;

    private SegNetEncoder(int width) {
        super(VERSION);
        blocks = new Block[CONVS_PER_BLOCK.length];
        blockChannels = new int[CONVS_PER_BLOCK.length];
        for (int i = 0; i < blocks.length; i++) {
            int filters = width * WIDTH_FACTOR[i];
            SequentialBlock block = new SequentialBlock();
            for (int c = 0; c < CONVS_PER_BLOCK[i]; c++) {
                block.add(Layers.convBnRelu(filters, 3));
            }
            blocks[i] = addChildBlock("block" + (i + 1), block);
            blockChannels[i] = filters;
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Channels of the five conv blocks (= channels of the five switch masks), highest resolution first. */
    public int[] blockChannels() {
        return blockChannels.clone();
    }

    @Override
    public String name() {
        return "segnet-vgg16";
    }

    @Override
    public int[] outChannels() {
        int[] c = new int[blocks.length + 1];
        System.arraycopy(blockChannels, 0, c, 0, blocks.length);
        c[blocks.length] = blockChannels[blocks.length - 1];
        return c;
    }

    @Override
    public int[] reductions() {
        int[] r = new int[blocks.length + 1];
        for (int i = 0; i < r.length; i++) {
            r[i] = 1 << i;
        }
        return r;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = new NDList(blocks.length + 1);
        NDArray x = inputs.head();
        for (Block block : blocks) {
            NDArray features = block.forward(ps, new NDList(x), training, params).head();
            NDList pooled = MaxUnpooling.maxPoolWithSwitches(features);
            out.add(pooled.get(1));
            x = pooled.get(0);
        }
        out.add(x);
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[blocks.length + 1];
        Shape x = inputShapes[0];
        for (int i = 0; i < blocks.length; i++) {
            Shape features = blocks[i].getOutputShapes(new Shape[] {x})[0];
            out[i] = features;
            x = new Shape(features.get(0), features.get(1), features.get(2) / 2, features.get(3) / 2);
        }
        out[blocks.length] = x;
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        for (Block block : blocks) {
            block.initialize(manager, dataType, x);
            Shape features = block.getOutputShapes(new Shape[] {x})[0];
            x = new Shape(features.get(0), features.get(1), features.get(2) / 2, features.get(3) / 2);
        }
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
        public SegNetEncoder build() {
            if (width < 1) {
                throw new Seg4jException("segnet encoder width must be at least 1, got " + width);
            }
            return new SegNetEncoder(width);
        }
    }
}
