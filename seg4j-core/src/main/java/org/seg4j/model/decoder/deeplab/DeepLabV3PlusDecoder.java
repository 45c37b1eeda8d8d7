package org.seg4j.model.decoder.deeplab;

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
import java.util.Arrays;
import org.seg4j.model.layer.FoldableSequence;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.layer.Atrous;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.Release;
import org.seg4j.model.layer.Spatial;

/**
 * The DeepLabV3+ decoder (Chen et al., 2018). {@link Aspp} with depthwise-separable atrous
 * branches runs on the encoder's deepest feature; its output is upsampled bilinearly to the
 * low-level feature at stride 4 (x4 at output stride 16), whose channels a 1x1 conv + BN + ReLU
 * first reduces to 48; the concatenation goes through two depthwise-separable 3x3 units. The
 * output is at stride 4; the model's head classifies and upsamples x4.
 */
public final class DeepLabV3PlusDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    /** Stride of the low-level feature. */
    public static final int LOW_LEVEL_STRIDE = 4;

    private final int stride;
    private final int width;
    private final int lowWidth;
    private final Aspp aspp;
    private final Block lowLevel;
    private final Block refine;

    private DeepLabV3PlusDecoder(Builder b, int lowChannels, int deepChannels) {
        super(VERSION);
        this.stride = b.encoder.outputStride();
        this.width = b.width;
        this.lowWidth = b.lowLevelWidth;
        this.aspp = addChildBlock("aspp", Aspp.builder()
                .setInChannels(deepChannels)
                .setWidth(width)
                .setRates(b.rates)
                .optSeparable(true)
                .optDropout(b.dropout)
                .build());
        this.lowLevel = addChildBlock("low_level", Layers.convBnRelu(lowWidth, 1));
        this.refine = addChildBlock("refine", new FoldableSequence()
                .add(Atrous.separableBnRelu(width + lowWidth, width, 1))
                .add(Atrous.separableBnRelu(width, width, 1)));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int[] featureReductions() {
        return new int[] {LOW_LEVEL_STRIDE, stride};
    }

    @Override
    public int outChannels() {
        return width;
    }

    @Override
    public int outputReduction() {
        return LOW_LEVEL_STRIDE;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        NDArray low = lowLevel.forward(ps, new NDList(features.get(0)), training, params).head();
        NDArray deep = aspp.forward(ps, new NDList(features.get(1)), training, params).head();
        Shape s = low.getShape();
        NDArray up = Spatial.resize(deep, Spatial.height(s), Spatial.width(s));
        NDArray cat = up.concat(low, 1);
        if (!training) {
            Release.close(up);
            Release.close(deep, up);
            Release.close(low);
        }
        NDList out = refine.forward(ps, new NDList(cat), training, params);
        if (!training) {
            cat.close();
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape low = inputShapes[0];
        return new Shape[] {new Shape(low.get(0), width, low.get(2), low.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape low = inputShapes[0];
        lowLevel.initialize(manager, dataType, low);
        aspp.initialize(manager, dataType, inputShapes[1]);
        refine.initialize(manager, dataType, new Shape(low.get(0), width + lowWidth, low.get(2), low.get(3)));
    }

    /** Builder: {@link #setEncoder} is required. */
    public static final class Builder {
        private Encoder encoder;
        private int width = 256;
        private int lowLevelWidth = 48;
        private int[] rates = {6, 12, 18};
        private float dropout = 0.1f;

        private Builder() {}

        /** The encoder; it must have a stage at stride 4 and a deeper output stride. */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Channels of ASPP and of the decoder convolutions (default 256). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Channels the low-level feature is reduced to (default 48). */
        public Builder optLowLevelWidth(int lowLevelWidth) {
            this.lowLevelWidth = lowLevelWidth;
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

        /** Validates and builds. */
        public DeepLabV3PlusDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("a deeplabv3plus decoder needs an encoder");
            }
            if (width < 1 || lowLevelWidth < 1) {
                throw new Seg4jException("deeplabv3plus widths must be positive, got " + width + ", " + lowLevelWidth);
            }
            int[] r = encoder.reductions();
            int[] channels = encoder.outChannels();
            int low = -1;
            for (int i = 0; i < r.length; i++) {
                if (r[i] == LOW_LEVEL_STRIDE) {
                    low = i;
                }
            }
            if (low < 0 || encoder.outputStride() <= LOW_LEVEL_STRIDE) {
                throw new Seg4jException("deeplabv3plus needs an encoder with a stage at stride 4 and a deeper output"
                        + " stride; '" + encoder.name() + "' has strides " + Arrays.toString(r));
            }
            return new DeepLabV3PlusDecoder(this, channels[low], channels[channels.length - 1]);
        }
    }
}
