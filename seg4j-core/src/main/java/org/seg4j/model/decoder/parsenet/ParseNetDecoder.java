package org.seg4j.model.decoder.parsenet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.layer.AdaptivePool;

/**
 * The ParseNet global-context module (Liu, Rabinovich and Berg, 2015) on the encoder's deepest
 * feature: the feature is global-average-pooled to one vector per image; the vector and the map
 * (per position, across channels) are each {@link L2Norm L2-normalised with learned per-channel
 * scales}; the vector is unpooled (broadcast to every position) and concatenated with the map.
 * The model's head is the classifier (1x1 convolution), followed by bilinear upsampling by the
 * output stride.
 */
public final class ParseNetDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    private final int stride;
    private final int channels;
    private final L2Norm local;
    private final L2Norm global;

    private ParseNetDecoder(Builder b) {
        super(VERSION);
        int[] c = b.encoder.outChannels();
        this.channels = c[c.length - 1];
        this.stride = b.encoder.outputStride();
        this.local = addChildBlock("local_norm", new L2Norm(channels, b.initialScale));
        this.global = addChildBlock("global_norm", new L2Norm(channels, b.initialScale));
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
        return 2 * channels;
    }

    @Override
    public int outputReduction() {
        return stride;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        NDArray x = features.head();
        NDArray map = local.forward(ps, features, training, params).head();
        NDArray pooled = global.forward(ps, new NDList(AdaptivePool.global(x)), training, params).head();
        return new NDList(map.concat(pooled.broadcast(x.getShape()), 1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), 2L * channels, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        local.initialize(manager, dataType, s);
        global.initialize(manager, dataType, new Shape(s.get(0), s.get(1), 1, 1));
    }

    /** Builder: {@link #setEncoder} is required. */
    public static final class Builder {
        private Encoder encoder;
        private float initialScale = 10f;

        private Builder() {}

        /** The encoder; its deepest feature is read. */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Starting value of the learned L2 scales (default 10, as in the paper). */
        public Builder optInitialScale(float initialScale) {
            this.initialScale = initialScale;
            return this;
        }

        /** Validates and builds. */
        public ParseNetDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("a parsenet decoder needs an encoder");
            }
            if (!(initialScale > 0)) {
                throw new Seg4jException("parsenet l2_scale must be positive, got " + initialScale);
            }
            return new ParseNetDecoder(this);
        }
    }
}
