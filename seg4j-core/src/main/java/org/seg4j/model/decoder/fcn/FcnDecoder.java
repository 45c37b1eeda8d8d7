package org.seg4j.model.decoder.fcn;

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
import org.seg4j.model.layer.Layers;
import org.seg4j.model.layer.Spatial;

/**
 * The FCN decoder (Long, Shelhamer and Darrell, 2015). On the stride-32 feature ({@code pool5})
 * two convolutions play the part of VGG's fc6/fc7, then 1x1 "score" layers turn it and the skip
 * features into class scores. Scores are fused coarse to fine: a learned 2x upsampling of the
 * coarser scores, cropped to the finer map, is added to the finer map's scores; finally a learned
 * upsampling brings the fused scores to the input resolution. The variant says at which stride
 * the fusion stops: FCN-32s uses pool5 only, FCN-16s adds pool4, FCN-8s adds pool4 and pool3.
 *
 * <p>The learned upsampling is a {@link org.seg4j.model.layer.SubPixelUpsample} (3x3 conv + pixel
 * shuffle), which contains FCN's transposed convolutions as a special case: DJL's PyTorch engine
 * does not implement {@code Conv2dTranspose}.
 *
 * <p>Deviation from the paper: fc6 is a 3x3 convolution with {@code 2 x pool5} channels instead of
 * 7x7 with 4096 (about 20x fewer parameters and multiply-adds, which matters on a CPU), and both
 * have batch norm instead of dropout. Upsampling starts as bilinear interpolation, as in the paper.
 *
 * <p>The output already holds one score per class, so it pairs with a head without projection.
 */
public final class FcnDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    /** Upper bound on the default fc6/fc7 width. */
    private static final int MAX_DEFAULT_FC_WIDTH = 1024;

    private final int numClasses;
    /** Encoder strides read, increasing: e.g. 8, 16, 32 for FCN-8s. */
    private final int[] reductions;
    private final Block fc;
    /** score[i] scores the feature at reductions[i]. */
    private final Block[] score;
    /** up2[i] upsamples the fused scores at reductions[i + 1] to reductions[i]. */
    private final Block[] up2;
    private final Block upFinal;

    private FcnDecoder(Builder b, int[] reductions, int fcWidth) {
        super(VERSION);
        this.numClasses = b.numClasses;
        this.reductions = reductions;
        int n = reductions.length;
        this.fc = addChildBlock("fc", new SequentialBlock()
                .add(Layers.convBnRelu(fcWidth, b.fcKernel))
                .add(Layers.convBnRelu(fcWidth, 1)));
        this.score = new Block[n];
        this.up2 = new Block[n - 1];
        for (int i = n - 1; i >= 0; i--) {
            score[i] = addChildBlock("score" + reductions[i], Layers.conv1x1(numClasses));
        }
        for (int i = n - 2; i >= 0; i--) {
            up2[i] = addChildBlock("up" + reductions[i + 1], Layers.upsampleLearned(numClasses, 2));
        }
        this.upFinal = addChildBlock("up" + reductions[0] + "x", Layers.upsampleLearned(numClasses, reductions[0]));
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
        return numClasses;
    }

    @Override
    public int outputReduction() {
        return 1;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        int last = reductions.length - 1;
        NDList deepest = fc.forward(ps, new NDList(features.get(last)), training, params);
        NDArray s = score[last].forward(ps, deepest, training, params).head();
        for (int i = last - 1; i >= 0; i--) {
            NDArray skip = score[i].forward(ps, new NDList(features.get(i)), training, params).head();
            NDArray up = up2[i].forward(ps, new NDList(s), training, params).head();
            Shape k = skip.getShape();
            s = Spatial.crop(up, Spatial.height(k), Spatial.width(k)).add(skip);
        }
        return upFinal.forward(ps, new NDList(s), training, params);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape finest = inputShapes[0];
        long h = Spatial.height(finest) * reductions[0];
        long w = Spatial.width(finest) * reductions[0];
        return new Shape[] {new Shape(finest.get(0), numClasses, h, w)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        int last = reductions.length - 1;
        fc.initialize(manager, dataType, inputShapes[last]);
        score[last].initialize(manager, dataType, fc.getOutputShapes(new Shape[] {inputShapes[last]}));
        for (int i = last - 1; i >= 0; i--) {
            score[i].initialize(manager, dataType, inputShapes[i]);
            Shape coarse = inputShapes[i + 1];
            up2[i].initialize(manager, dataType, new Shape(coarse.get(0), numClasses, coarse.get(2), coarse.get(3)));
        }
        Shape finest = inputShapes[0];
        upFinal.initialize(manager, dataType, new Shape(finest.get(0), numClasses, finest.get(2), finest.get(3)));
    }

    /** Builder: {@link #setEncoder} and {@link #setNumClasses} are required. */
    public static final class Builder {
        private Encoder encoder;
        private int numClasses;
        private int variant = 8;
        private int fcWidth;
        private int fcKernel = 3;

        private Builder() {}

        /** The encoder; it must provide features at strides 32 (and 16, 8 for the finer variants). */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Number of classes scored. */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** The finest stride fused: 8 (FCN-8s, default), 16 (FCN-16s) or 32 (FCN-32s). */
        public Builder optVariant(int variant) {
            this.variant = variant;
            return this;
        }

        /**
         * Channels of the fc6/fc7 convolutions (default: twice the encoder's deepest channels, at
         * most 1024, which a VGG-16 reaches; a ResNet-50's 2048 channels would otherwise give fc6
         * 75M parameters).
         */
        public Builder optFcWidth(int fcWidth) {
            this.fcWidth = fcWidth;
            return this;
        }

        /** Kernel size of fc6 (default 3; the paper's is 7). */
        public Builder optFcKernel(int fcKernel) {
            this.fcKernel = fcKernel;
            return this;
        }

        /** Validates and builds. */
        public FcnDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("an fcn decoder needs an encoder");
            }
            if (numClasses < 1) {
                throw new Seg4jException("an fcn decoder needs at least 1 class, got " + numClasses);
            }
            int[] reductions = switch (variant) {
                case 8 -> new int[] {8, 16, 32};
                case 16 -> new int[] {16, 32};
                case 32 -> new int[] {32};
                default -> throw new Seg4jException("fcn variant must be 8, 16 or 32, got " + variant);
            };
            if (fcKernel < 1 || fcKernel % 2 == 0) {
                throw new Seg4jException("fcn fc kernel must be odd and positive, got " + fcKernel);
            }
            int[] channels = encoder.outChannels();
            int width = fcWidth > 0 ? fcWidth : Math.min(2 * channels[channels.length - 1], MAX_DEFAULT_FC_WIDTH);
            return new FcnDecoder(this, reductions, width);
        }
    }
}
