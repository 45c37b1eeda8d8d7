package org.seg4j.model.decoder.pspnet;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.PyramidPooling;

/**
 * The PSPNet decoder: {@link PyramidPooling} on the encoder's deepest feature, then a 3x3 conv + BN
 * + ReLU and dropout. The model's head classifies and upsamples by the output stride.
 */
public final class PspDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    private final int stride;
    private final int width;
    private final PyramidPooling pyramid;
    private final Block fuse;

    private PspDecoder(Builder b) {
        super(VERSION);
        int[] channels = b.encoder.outChannels();
        int in = channels[channels.length - 1];
        this.stride = b.encoder.outputStride();
        this.width = b.width;
        this.pyramid = addChildBlock("pyramid", new PyramidPooling(in, b.bins, Math.max(1, in / b.bins.length)));
        this.fuse = addChildBlock("fuse", new SequentialBlock()
                .add(Layers.convBnRelu(width, 3))
                .add(Dropout.builder().optRate(b.dropout).build()));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int[] featureReductions() {
        return new int[] {stride};
    }

    @Override
    public int outChannels() {
        return width;
    }

    @Override
    public int outputReduction() {
        return stride;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        return fuse.forward(ps, pyramid.forward(ps, features, training, params), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), width, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        pyramid.initialize(manager, dataType, inputShapes);
        fuse.initialize(manager, dataType, pyramid.getOutputShapes(inputShapes));
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
            return new PspDecoder(this);
        }
    }
}
