package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.Seg4jException;

/**
 * A {@code k x k} convolution without bias, {@link InstanceBatchNorm} and ReLU, with "same" padding
 * for its dilation: the first unit of an IBN-a residual block, where {@link ConvBn} has batch norm.
 * Its instance-normalised channels are the first {@code round(filters * ratio)}, IBN-Net's split
 * (ratio 0.5).
 */
public final class ConvIbn extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Conv2d conv;
    private final InstanceBatchNorm norm;

    private ConvIbn(Builder b) {
        super(VERSION);
        this.conv = addChildBlock("conv", Layers.sameConv(b.filters, b.kernel, b.stride, b.dilation, 1));
        int instance = Math.round(b.filters * b.ratio);
        this.norm = addChildBlock("ibn", new InstanceBatchNorm(b.filters, instance, BatchNormFolding.EPSILON, 0.9f));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The convolution (without bias). */
    public Conv2d conv() {
        return conv;
    }

    /** The instance-batch norm after the convolution. */
    public InstanceBatchNorm norm() {
        return norm;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList c = conv.forward(ps, inputs, training, params);
        NDList y = norm.forward(ps, c, training, params);
        NDArray out = Activation.relu(y.head());
        if (!training) {
            Release.closeExcept(c, y);
            Release.close(y.head(), out);
        }
        return new NDList(out);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return conv.getOutputShapes(inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        norm.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
    }

    /** Builder: {@link #setFilters} and {@link #setKernel} are required. */
    public static final class Builder {
        private int filters;
        private int kernel;
        private int stride = 1;
        private int dilation = 1;
        private float ratio = 0.5f;

        private Builder() {}

        /** Output channels (at least 2: one instance-normalised, one batch-normalised). */
        public Builder setFilters(int filters) {
            this.filters = filters;
            return this;
        }

        /** Kernel size (odd). */
        public Builder setKernel(int kernel) {
            this.kernel = kernel;
            return this;
        }

        /** Stride (default 1). */
        public Builder optStride(int stride) {
            this.stride = stride;
            return this;
        }

        /** Dilation (default 1). */
        public Builder optDilation(int dilation) {
            this.dilation = dilation;
            return this;
        }

        /** Share of the channels that are instance-normalised (default 0.5, IBN-Net's). */
        public Builder optInstanceRatio(float ratio) {
            this.ratio = ratio;
            return this;
        }

        /** Validates and builds. */
        public ConvIbn build() {
            if (filters < 2 || kernel < 1 || kernel % 2 == 0 || stride < 1 || dilation < 1) {
                throw new Seg4jException("IBN conv unit needs filters >= 2, an odd kernel, stride and dilation >= 1, got"
                        + " filters " + filters + ", kernel " + kernel + ", stride " + stride + ", dilation " + dilation);
            }
            int instance = Math.round(filters * ratio);
            if (!(ratio > 0 && ratio < 1) || instance < 1 || instance >= filters) {
                throw new Seg4jException("IBN conv unit's instance-normalised share must leave at least one channel to"
                        + " each norm, got ratio " + ratio + " of " + filters + " filters");
            }
            return new ConvIbn(this);
        }
    }
}
