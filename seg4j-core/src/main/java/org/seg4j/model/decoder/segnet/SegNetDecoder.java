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
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.encoder.VggEncoder;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.MaxUnpooling;

/**
 * SegNet's decoder (Badrinarayanan, Kendall and Cipolla, 2017). Starting from pool5, each of the
 * five steps max-unpools with the switches of the matching encoder pooling ({@link
 * MaxUnpooling#unpool}), then applies as many 3x3 conv + BN + ReLU units as the encoder block had:
 * all but the last keep the block's channels, the last one changes to the channels of the next
 * (finer) block, so that the result matches the next switch mask. The output has the first block's
 * channels at full resolution.
 *
 * <p>Unlike U-Net, no encoder features are copied across: the only information passed from encoder
 * to decoder besides pool5 is the location of every maximum, which is what lets SegNet recover
 * boundaries cheaply.
 *
 * <p>Deviation from the paper: its last decoder convolution (3x3, to the classes) is replaced by
 * one more 3x3 conv + BN + ReLU with the first block's channels, followed by the model's 1x1
 * {@link org.seg4j.model.SegmentationHead}.
 *
 * <p>Input: the six arrays of a {@link VggEncoder} that keeps its switches (switch masks of
 * pool1..pool5, then pool5).
 */
public final class SegNetDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    private final int[] channels;
    /** blocks[i] follows the unpooling with the switches of pool i+1, i = 0..4. */
    private final Block[] blocks;

    private SegNetDecoder(int[] channels) {
        super(VERSION);
        this.channels = channels;
        this.blocks = new Block[channels.length];
        for (int i = blocks.length - 1; i >= 0; i--) {
            SequentialBlock block = new SequentialBlock();
            int convs = VggEncoder.convsPerBlock()[i];
            for (int c = 0; c < convs - 1; c++) {
                block.add(Layers.convBnRelu(channels[i], 3));
            }
            block.add(Layers.convBnRelu(channels[Math.max(i - 1, 0)], 3));
            blocks[i] = addChildBlock("block" + (i + 1), block);
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int[] featureReductions() {
        return new int[] {1, 2, 4, 8, 16, 32};
    }

    @Override
    public int outChannels() {
        return channels[0];
    }

    @Override
    public int outputReduction() {
        return 1;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        NDArray x = features.get(blocks.length);
        for (int i = blocks.length - 1; i >= 0; i--) {
            NDArray up = MaxUnpooling.unpool(x, features.get(i));
            x = blocks[i].forward(ps, new NDList(up), training, params).head();
        }
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape finest = inputShapes[0];
        return new Shape[] {new Shape(finest.get(0), channels[0], finest.get(2), finest.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        // The unpooled map has the shape of the switch mask it was placed with.
        for (int i = blocks.length - 1; i >= 0; i--) {
            blocks[i].initialize(manager, dataType, inputShapes[i]);
        }
    }

    /** Builder: {@link #setEncoder} is required. */
    public static final class Builder {
        private Encoder encoder;

        private Builder() {}

        /** The encoder; it must be a {@link VggEncoder} that keeps its switches, which this decoder reads. */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Validates and builds. */
        public SegNetDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("a segnet decoder needs an encoder");
            }
            if (!(encoder instanceof VggEncoder segnet) || !segnet.keepsSwitches()) {
                throw new Seg4jException("a segnet decoder needs the max-pooling switches of a vgg16 encoder built "
                        + "with optSwitches(true), not '" + encoder.name() + "'");
            }
            return new SegNetDecoder(segnet.blockChannels());
        }
    }
}
