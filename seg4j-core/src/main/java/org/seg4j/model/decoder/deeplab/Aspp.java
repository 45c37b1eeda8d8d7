package org.seg4j.model.decoder.deeplab;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.seg4j.model.layer.FoldableSequence;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.AdaptivePool;
import org.seg4j.model.layer.Atrous;
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.Release;
import org.seg4j.model.layer.Spatial;

/**
 * Atrous spatial pyramid pooling (DeepLabV3, Chen et al., 2017): parallel branches on one feature
 * map, concatenated and projected.
 *
 * <ul>
 *   <li>a 1x1 conv + BN + ReLU;
 *   <li>one 3x3 atrous conv + BN + ReLU per rate (depthwise-separable in DeepLabV3+);
 *   <li>image pooling: global average pool, 1x1 conv, ReLU, upsampled (broadcast) back;
 *   <li>concatenation, 1x1 conv + BN + ReLU projection, dropout.
 * </ul>
 *
 * <p>Deviation by default: the image-pooling branch has a biased 1x1 convolution and no batch
 * norm. Its map has one value per channel and image, and PyTorch's batch norm refuses to train on
 * a single value per channel, which is the case for a batch of one (torchvision's ASPP fails
 * there). {@link Builder#optPoolingBatchNorm} builds torchvision's branch instead (1x1 conv without
 * bias + BN + ReLU), for its checkpoints; train it with batches of two or more, since with one
 * image the batch norm turns the branch into a constant.
 */
public final class Aspp extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int width;
    private final boolean poolingBatchNorm;
    private final Block[] branches;
    private final Block pooling;
    private final Block projection;

    private Aspp(Builder b) {
        super(VERSION);
        this.width = b.width;
        this.poolingBatchNorm = b.poolingBatchNorm;
        this.branches = new Block[b.rates.length + 1];
        branches[0] = addChildBlock("conv1x1", Layers.convBnRelu(width, 1));
        for (int i = 0; i < b.rates.length; i++) {
            int rate = b.rates[i];
            Block branch = b.separable
                    ? Atrous.separableBnRelu(b.inChannels, width, rate)
                    : Atrous.convBnRelu(width, rate);
            branches[i + 1] = addChildBlock("rate" + rate, branch);
        }
        this.pooling = addChildBlock("pooling", b.poolingBatchNorm
                ? Layers.convBnRelu(width, 1)
                : new FoldableSequence().add(Layers.conv1x1(width)).add(Activation.reluBlock()));
        this.projection = addChildBlock("projection", new FoldableSequence()
                .add(Layers.convBnRelu(width, 1))
                .add(Dropout.builder().optRate(b.dropout).build()));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Output channels. */
    public int width() {
        return width;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape s = x.getShape();
        if (training && poolingBatchNorm && s.get(0) < 2) {
            throw new Seg4jException("aspp_pooling conv_bn (torchvision's image-pooling batch norm) cannot train on a "
                    + "batch of one image: its batch norm would see one value per channel; train with batches of two "
                    + "or more, or use aspp_pooling conv");
        }
        NDList parts = new NDList(branches.length + 1);
        for (Block branch : branches) {
            parts.add(branch.forward(ps, inputs, training, params).head());
        }
        NDArray pooled = AdaptivePool.global(x);
        NDArray image = pooling.forward(ps, new NDList(pooled), training, params).head();
        // Bilinear upsampling of a 1x1 map is a broadcast.
        parts.add(image.broadcast(Spatial.withSize(image.getShape(), Spatial.height(s), Spatial.width(s))));
        NDArray cat = NDArrays.concat(parts, 1);
        if (!training) {
            Release.closeExcept(parts, new NDList());
            Release.close(image);
            Release.close(pooled);
        }
        NDList out = projection.forward(ps, new NDList(cat), training, params);
        if (!training) {
            Release.closeExcept(new NDList(cat), out);
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), width, s.get(2), s.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        for (Block branch : branches) {
            branch.initialize(manager, dataType, s);
        }
        pooling.initialize(manager, dataType, Spatial.withSize(s, 1, 1));
        projection.initialize(manager, dataType, new Shape(s.get(0), (long) width * (branches.length + 1), s.get(2), s.get(3)));
    }

    /** Builder: {@link #setInChannels}, {@link #setWidth} and {@link #setRates} are required. */
    public static final class Builder {
        private int inChannels;
        private int width;
        private int[] rates;
        private boolean separable;
        private float dropout = 0.1f;
        private boolean poolingBatchNorm;

        private Builder() {}

        /** Channels of the input feature map. */
        public Builder setInChannels(int inChannels) {
            this.inChannels = inChannels;
            return this;
        }

        /** Channels of every branch and of the output (256 in the paper). */
        public Builder setWidth(int width) {
            this.width = width;
            return this;
        }

        /** Atrous rates of the 3x3 branches (6, 12, 18 at output stride 16). */
        public Builder setRates(int... rates) {
            this.rates = rates.clone();
            return this;
        }

        /** Depthwise-separable 3x3 branches, as in DeepLabV3+ (default false). */
        public Builder optSeparable(boolean separable) {
            this.separable = separable;
            return this;
        }

        /**
         * torchvision's image-pooling branch, 1x1 conv without bias + BN + ReLU (default false: a
         * biased 1x1 conv + ReLU, which trains with a batch of one).
         */
        public Builder optPoolingBatchNorm(boolean poolingBatchNorm) {
            this.poolingBatchNorm = poolingBatchNorm;
            return this;
        }

        /** Dropout rate after the projection (default 0.1). */
        public Builder optDropout(float dropout) {
            this.dropout = dropout;
            return this;
        }

        /** Validates and builds. */
        public Aspp build() {
            if (inChannels < 1 || width < 1) {
                throw new Seg4jException("aspp needs positive input channels and width, got " + inChannels + ", " + width);
            }
            if (rates == null || rates.length == 0) {
                throw new Seg4jException("aspp needs at least one atrous rate");
            }
            for (int r : rates) {
                if (r < 1) {
                    throw new Seg4jException("aspp atrous rates must be at least 1, got " + r);
                }
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new Seg4jException("aspp dropout must be in [0, 1), got " + dropout);
            }
            return new Aspp(this);
        }
    }
}
