package org.seg4j.model.decoder.unet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.Release;
import org.seg4j.model.layer.Spatial;

/**
 * The U-Net expanding path over all encoder stages: from the deepest feature up, each step
 * upsamples 2x, concatenates the encoder feature of that resolution and applies a double 3x3
 * conv + BN + ReLU with that feature's channel count (at most {@link Builder#optMaxChannels}). The output has the channels and stride of
 * the encoder's first stage; for encoders whose first stage is already downsampled (VGG, ResNet,
 * MobileNetV2: stride 2) the {@link org.seg4j.model.SegmentationHead} upsamples the class scores
 * bilinearly to the input resolution.
 *
 * <p>With a dilated encoder (e.g. strides 2, 4, 8, 8, 8) the path has one step per distinct stride,
 * fed by the deepest stage of that stride.
 *
 * <p>Upsampling is bilinear rather than a transposed convolution (as in segmentation_models'
 * U-Net): it has no parameters, cannot produce checkerboard artefacts, and the double conv that
 * follows does the learning.
 */
public final class UNetDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    private final int[] reductions;
    private final int[] channels;
    /** blocks[i] produces the map at encoder stage i's resolution, i = 0 .. stages-2. */
    private final Block[] blocks;

    private UNetDecoder(int[] channels, int[] reductions) {
        super(VERSION);
        this.channels = channels;
        this.reductions = reductions;
        this.blocks = new Block[channels.length - 1];
        for (int i = blocks.length - 1; i >= 0; i--) {
            blocks[i] = addChildBlock("up" + i, Layers.doubleConv(channels[i]));
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int[] featureReductions() {
        return reductions.clone();
    }

    @Override
    public int outChannels() {
        return channels[0];
    }

    @Override
    public int outputReduction() {
        return reductions[0];
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        NDArray x = features.get(features.size() - 1);
        for (int i = blocks.length - 1; i >= 0; i--) {
            NDArray skip = features.get(i);
            Shape s = skip.getShape();
            NDArray up = Spatial.resize(x, Spatial.height(s), Spatial.width(s));
            NDArray cat = up.concat(skip, 1);
            if (!training) {
                Release.close(up, x);
            }
            NDArray next = blocks[i].forward(ps, new NDList(cat), training, params).head();
            if (!training) {
                // the encoder's features belong to the caller; only this decoder's own maps are freed
                cat.close();
                if (i < blocks.length - 1) {
                    x.close();
                }
            }
            x = next;
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
        long prevChannels = inputShapes[inputShapes.length - 1].get(1);
        for (int i = blocks.length - 1; i >= 0; i--) {
            Shape skip = inputShapes[i];
            Shape concat = new Shape(skip.get(0), prevChannels + skip.get(1), skip.get(2), skip.get(3));
            blocks[i].initialize(manager, dataType, concat);
            prevChannels = channels[i];
        }
    }

    /** Builder: {@link #setEncoder} is required. */
    public static final class Builder {
        private Encoder encoder;
        private int maxChannels;

        private Builder() {}

        /**
         * Upper bound on the channels of each decoder block (default 0: none, each block has its
         * skip feature's channels). Bottleneck encoders such as ResNet-50 have 1024 channels at
         * stride 16, which makes an unbounded decoder several times larger than the encoder.
         */
        public Builder optMaxChannels(int maxChannels) {
            this.maxChannels = maxChannels;
            return this;
        }

        /** The encoder whose features this decoder reads (all of its stages). */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Validates and builds. */
        public UNetDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("a unet decoder needs an encoder");
            }
            // One skip per distinct reduction: where dilated stages share one, the deepest stage's
            // feature (the one SegmentationModel passes) and its channels.
            int[] all = encoder.reductions();
            int[] allChannels = encoder.outChannels();
            int[] r = Arrays.stream(all).distinct().toArray();
            if (maxChannels < 0) {
                throw new Seg4jException("unet decoder max channels must be positive (or 0 for none), got "
                        + maxChannels);
            }
            int[] channels = new int[r.length];
            for (int i = 0, k = 0; i < all.length; i++) {
                if (i + 1 == all.length || all[i + 1] != all[i]) {
                    channels[k++] = maxChannels > 0 ? Math.min(allChannels[i], maxChannels) : allChannels[i];
                }
            }
            if (r.length < 2) {
                throw new Seg4jException("a unet decoder needs an encoder with at least 2 distinct strides, '"
                        + encoder.name() + "' has " + Arrays.toString(all));
            }
            for (int i = 1; i < r.length; i++) {
                if (r[i] != 2 * r[i - 1]) {
                    throw new Seg4jException("a unet decoder needs encoder strides that double from stage to stage; '"
                            + encoder.name() + "' has " + Arrays.toString(all));
                }
            }
            return new UNetDecoder(channels, r);
        }
    }
}
