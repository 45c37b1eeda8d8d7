package org.seg4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.Release;
import org.seg4j.model.layer.Spatial;

/**
 * The last stage of a {@link SegmentationModel}: a 1x1 convolution from the decoder's channels to
 * one logit per class, then bilinear upsampling by {@link #upsampling()}. A decoder that already
 * emits class scores (FCN's score layers) uses a head without projection, which only upsamples.
 */
public final class SegmentationHead extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int numClasses;
    private final int upsampling;
    private final Block projection;

    private SegmentationHead(Builder b) {
        super(VERSION);
        this.numClasses = b.numClasses;
        this.upsampling = b.upsampling;
        this.projection = b.projection ? addChildBlock("projection", Layers.conv1x1(numClasses)) : null;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Number of classes (output channels). */
    public int numClasses() {
        return numClasses;
    }

    /** Upsampling factor applied after the projection. */
    public int upsampling() {
        return upsampling;
    }

    /** Whether this head has its own 1x1 projection to the classes. */
    public boolean hasProjection() {
        return projection != null;
    }

    /**
     * The class scores at the decoder's resolution: the projection without the upsampling (the
     * decoder's output itself for a head without projection). A model that resizes the scores to
     * a size of its own (see {@link org.seg4j.model.layer.Spatial.PadMode#NONE}) calls this
     * instead of {@code forward}.
     */
    public NDArray scores(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        return projection == null ? inputs.head() : projection.forward(ps, inputs, training, params).head();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = scores(ps, inputs, training, params);
        if (upsampling > 1) {
            Shape s = x.getShape();
            NDArray up = Spatial.resize(x, Spatial.height(s) * upsampling, Spatial.width(s) * upsampling);
            if (!training && projection != null) {
                Release.close(x, up);
            }
            x = up;
        }
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        long h = Spatial.height(s) * upsampling;
        long w = Spatial.width(s) * upsampling;
        return new Shape[] {new Shape(s.get(0), numClasses, h, w)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (projection != null) {
            projection.initialize(manager, dataType, inputShapes);
        }
    }

    /** Builder: {@link #setNumClasses} is required. */
    public static final class Builder {
        private int numClasses;
        private int upsampling = 1;
        private boolean projection = true;

        private Builder() {}

        /** Number of classes. */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** Bilinear upsampling factor after the projection (default 1: none). */
        public Builder optUpsampling(int upsampling) {
            this.upsampling = upsampling;
            return this;
        }

        /**
         * Whether to add the 1x1 projection (default true); without it the decoder must already
         * produce {@code numClasses} channels.
         */
        public Builder optProjection(boolean projection) {
            this.projection = projection;
            return this;
        }

        /** Validates and builds. */
        public SegmentationHead build() {
            if (numClasses < 1) {
                throw new Seg4jException("a segmentation head needs at least 1 class, got " + numClasses);
            }
            if (upsampling < 1) {
                throw new Seg4jException("head upsampling must be at least 1, got " + upsampling);
            }
            return new SegmentationHead(this);
        }
    }
}
