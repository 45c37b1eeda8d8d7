package org.seg4j.model.encoder;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.ConvBn;
import org.seg4j.model.layer.ConvBn.Nonlinearity;
import org.seg4j.model.layer.Residual;

/**
 * MobileNetV2 (Sandler et al., 2018): a 3x3/2 conv stem, then inverted residual units (1x1
 * expansion by 6, 3x3 depthwise, linear 1x1 projection; ReLU6 after the first two; identity
 * shortcut where size and channels are kept). Stages and their channels at width 32 (the
 * standard network):
 *
 * <pre>
 *   stage 0: stem + 16          reduction 2
 *   stage 1: 24 x2              reduction 4
 *   stage 2: 32 x3              reduction 8
 *   stage 3: 64 x4, 96 x3       reduction 16
 *   stage 4: 160 x3, 320 x1     reduction 32
 * </pre>
 *
 * The classifier's final 1x1 conv to 1280 channels is left out (as in DeepLabV3+'s MobileNetV2
 * backbone). The width multiplier is {@code width / 32}; channels are rounded to multiples of 8 as
 * in the reference implementation. Output stride 16 or 8 dilates the deepest stages (see {@link
 * DilationPlan}).
 */
public final class MobileNetV2Encoder extends StageEncoder {

    private static final byte VERSION = 1;

    /** Default stem channels (width multiplier 1). */
    public static final int DEFAULT_WIDTH = 32;

    private static final int EXPANSION = 6;
    private static final int[] STAGE_STRIDES = {2, 2, 2, 2, 2};
    /** Per stage, groups of {expansion, channels, units, stride}; the stride is the stage's. */
    private static final int[][][] GROUPS = {
        {{1, 16, 1, 1}},
        {{EXPANSION, 24, 2, 2}},
        {{EXPANSION, 32, 3, 2}},
        {{EXPANSION, 64, 4, 2}, {EXPANSION, 96, 3, 1}},
        {{EXPANSION, 160, 3, 2}, {EXPANSION, 320, 1, 1}},
    };

    private int inChannels;

    private MobileNetV2Encoder(Builder b) {
        super(VERSION, "mobilenetv2");
        double multiplier = b.width / (double) DEFAULT_WIDTH;
        DilationPlan plan = new DilationPlan(name(), STAGE_STRIDES, b.outputStride, 8, 16, 32);
        inChannels = 3;
        for (int stage = 0; stage < GROUPS.length; stage++) {
            SequentialBlock block = new SequentialBlock();
            if (stage == 0) {
                int stem = divisible(DEFAULT_WIDTH * multiplier);
                block.add(ConvBn.builder().setFilters(stem).setKernel(3).optStride(2)
                        .optNonlinearity(Nonlinearity.RELU6).build());
                inChannels = stem;
            }
            boolean first = true;
            for (int[] g : GROUPS[stage]) {
                int out = divisible(g[1] * multiplier);
                for (int u = 0; u < g[2]; u++) {
                    // The stem already applied stage 0's stride.
                    int stride = first && stage > 0 ? plan.stride(stage) : 1;
                    int dilation = first ? plan.firstDilation(stage) : plan.dilation(stage);
                    block.add(invertedResidual(g[0], out, stride, dilation));
                    first = false;
                }
            }
            addStage(block, inChannels, plan.reduction(stage));
        }
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    private Block invertedResidual(int expansion, int out, int stride, int dilation) {
        int hidden = inChannels * expansion;
        SequentialBlock main = new SequentialBlock();
        if (expansion != 1) {
            main.add(ConvBn.builder().setFilters(hidden).setKernel(1).optNonlinearity(Nonlinearity.RELU6).build());
        }
        main.add(ConvBn.builder().setFilters(hidden).setKernel(3).optStride(stride).optDilation(dilation)
                        .optGroups(hidden).optNonlinearity(Nonlinearity.RELU6).build())
                .add(ConvBn.builder().setFilters(out).setKernel(1).optNonlinearity(Nonlinearity.NONE).build());
        boolean identity = stride == 1 && inChannels == out;
        inChannels = out;
        return identity ? new Residual(main, null, false) : main;
    }

    /** torchvision's {@code _make_divisible(v, 8)}: nearest multiple of 8, not below 90% of v. */
    static int divisible(double v) {
        int rounded = Math.max(8, (int) (v + 4) / 8 * 8);
        return rounded < 0.9 * v ? rounded + 8 : rounded;
    }

    /** Builder; all settings optional. */
    public static final class Builder {
        private int width = DEFAULT_WIDTH;
        private int outputStride = 32;

        private Builder() {}

        /** Stem channels (default 32: width multiplier 1; 16 is multiplier 0.5). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Largest reduction: 32 (default), 16 or 8 (the deepest stages are dilated instead). */
        public Builder optOutputStride(int outputStride) {
            this.outputStride = outputStride;
            return this;
        }

        /** Validates and builds. */
        public MobileNetV2Encoder build() {
            if (width < 1) {
                throw new Seg4jException("mobilenetv2 encoder width must be at least 1, got " + width);
            }
            return new MobileNetV2Encoder(this);
        }
    }
}
