package org.seg4j.model.encoder;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.pooling.Pool;
import org.seg4j.model.layer.FoldableSequence;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.ConvBn;
import org.seg4j.model.layer.ConvBn.Nonlinearity;
import org.seg4j.model.layer.ConvIbn;
import org.seg4j.model.layer.Residual;

/**
 * ResNet-18, -34, -50 and -101 (He et al., 2016; torchvision's layout, stride on the 3x3 convolution of
 * bottlenecks). Five stages: the stem (7x7/2 conv + BN + ReLU, reduction 2), then 3x3/2 max
 * pooling + {@code layer1} (4), {@code layer2} (8), {@code layer3} (16) and {@code layer4} (32).
 * ResNet-18/34 use basic blocks (two 3x3 convs), ResNet-50/101 bottlenecks (1x1, 3x3, 1x1 with 4x
 * expansion). Channels are those of the standard network scaled by {@code width / 64}.
 *
 * <p>With output stride 16 or 8, {@code layer4} (and {@code layer3}) keep their input's resolution
 * and use dilated convolutions instead (see {@link DilationPlan}); reductions then repeat, e.g.
 * 2, 4, 8, 8, 8.
 *
 * <p>With {@link Builder#optIbn IBN-a} (Pan et al., ECCV 2018), the first unit of every residual
 * block of {@code layer1} to {@code layer3} normalises half of its channels per image (instance
 * norm) and half per batch ({@link ConvIbn}); {@code layer4} and the stem keep batch norm, as
 * IBN-Net's {@code resnet18_ibn_a}. Instance norm in the shallow stages, where appearance lives,
 * makes the features less sensitive to lighting and colour shifts between scenes.
 */
public final class ResNetEncoder extends StageEncoder {

    private static final byte VERSION = 1;

    /** Default channels of the stem (the standard ResNet). */
    public static final int DEFAULT_WIDTH = 64;

    private static final int[] STAGE_STRIDES = {2, 2, 2, 2, 2};

    private final boolean ibn;
    private int inChannels;

    private ResNetEncoder(Builder b) {
        super(VERSION, "resnet" + b.depth);
        this.ibn = b.ibn;
        int[] units = switch (b.depth) {
            case 18 -> new int[] {2, 2, 2, 2};
            case 34, 50 -> new int[] {3, 4, 6, 3};
            case 101 -> new int[] {3, 4, 23, 3};
            default -> throw new IllegalStateException();
        };
        boolean bottleneck = b.depth >= 50;
        int expansion = bottleneck ? 4 : 1;
        DilationPlan plan = new DilationPlan(name(), STAGE_STRIDES, b.outputStride, 8, 16, 32);

        addStage(ConvBn.builder().setFilters(b.width).setKernel(7).optStride(2).build(), b.width, 2);
        inChannels = b.width;
        for (int layer = 0; layer < units.length; layer++) {
            int stage = layer + 1;
            int planes = b.width << layer;
            SequentialBlock block = new FoldableSequence();
            // layer1's downsampling is the max pooling; its units have stride 1.
            int stride = layer == 0 ? 1 : plan.stride(stage);
            if (layer == 0) {
                block.add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)));
            }
            for (int u = 0; u < units[layer]; u++) {
                int dilation = u == 0 ? plan.firstDilation(stage) : plan.dilation(stage);
                int s = u == 0 ? stride : 1;
                boolean instance = ibn && layer < units.length - 1;
                block.add(bottleneck ? bottleneck(planes, s, dilation, instance) : basic(planes, s, dilation, instance));
                inChannels = planes * expansion;
            }
            addStage(block, planes * expansion, plan.reduction(stage));
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Whether the shallow stages use IBN-a units. */
    public boolean ibn() {
        return ibn;
    }

    private Block basic(int planes, int stride, int dilation, boolean instance) {
        SequentialBlock main = new FoldableSequence()
                .add(instance
                        ? ConvIbn.builder().setFilters(planes).setKernel(3).optStride(stride).optDilation(dilation).build()
                        : ConvBn.builder().setFilters(planes).setKernel(3).optStride(stride).optDilation(dilation).build())
                .add(ConvBn.builder().setFilters(planes).setKernel(3).optDilation(dilation)
                        .optNonlinearity(Nonlinearity.NONE).build());
        return new Residual(main, shortcut(planes, stride), true);
    }

    private Block bottleneck(int planes, int stride, int dilation, boolean instance) {
        int out = planes * 4;
        SequentialBlock main = new FoldableSequence()
                .add(instance
                        ? ConvIbn.builder().setFilters(planes).setKernel(1).build()
                        : ConvBn.builder().setFilters(planes).setKernel(1).build())
                .add(ConvBn.builder().setFilters(planes).setKernel(3).optStride(stride).optDilation(dilation).build())
                .add(ConvBn.builder().setFilters(out).setKernel(1).optNonlinearity(Nonlinearity.NONE).build());
        return new Residual(main, shortcut(out, stride), true);
    }

    /** 1x1 conv + BN when the unit changes size or channels, else {@code null} (identity). */
    private Block shortcut(int out, int stride) {
        if (stride == 1 && inChannels == out) {
            return null;
        }
        return ConvBn.builder().setFilters(out).setKernel(1).optStride(stride)
                .optNonlinearity(Nonlinearity.NONE).build();
    }

    /** Builder: {@link #setDepth} is required. */
    public static final class Builder {
        private int depth;
        private int width = DEFAULT_WIDTH;
        private int outputStride = 32;
        private boolean ibn;

        private Builder() {}

        /** 18, 34 or 50. */
        public Builder setDepth(int depth) {
            this.depth = depth;
            return this;
        }

        /** Channels of the stem (default 64, the standard ResNet; 8 or 16 for quick experiments). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Largest reduction: 32 (default), 16 or 8 (the deepest stages are dilated instead). */
        public Builder optOutputStride(int outputStride) {
            this.outputStride = outputStride;
            return this;
        }

        /**
         * IBN-a units in {@code layer1} to {@code layer3} (default {@code false}: batch norm
         * throughout, torchvision's network, whose weights then map).
         */
        public Builder optIbn(boolean ibn) {
            this.ibn = ibn;
            return this;
        }

        /** Validates and builds. */
        public ResNetEncoder build() {
            if (depth != 18 && depth != 34 && depth != 50 && depth != 101) {
                throw new Seg4jException("resnet depth must be 18, 34, 50 or 101, got " + depth);
            }
            if (width < 1) {
                throw new Seg4jException("resnet" + depth + " encoder width must be at least 1, got " + width);
            }
            return new ResNetEncoder(this);
        }
    }
}
