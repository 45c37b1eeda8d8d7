package org.seg4j.model.encoder;

import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.ConvBn;
import org.seg4j.model.layer.ConvBn.Nonlinearity;
import org.seg4j.model.layer.Residual;
import org.seg4j.model.layer.SqueezeExcitation;

/**
 * MobileNetV3-Large (Howard et al., 2019) exactly as torchvision's {@code mobilenet_v3_large}
 * {@code features}: a 3x3/2 conv stem with hard swish, fifteen inverted residual units ({@link
 * #BNECKS}: 1x1 expansion, {@code k x k} depthwise, optional squeeze-excitation with a hard-sigmoid
 * gate and {@code make_divisible(expanded / 4, 8)} squeeze channels, linear 1x1 projection; ReLU or
 * hard swish), and the final 1x1 conv to {@code 6 x 160 = 960} channels with hard swish. Batch norm
 * uses torchvision's epsilon 1e-3 and momentum 0.01 (DJL 0.99).
 *
 * <p>Features follow torchvision's {@code stage_indices} (what its LR-ASPP, DeepLabV3 and FPN
 * backbones read): each stage ends at the strided unit that opens a resolution, and the stride-1
 * units after it run at the start of the next stage. At width 16 (multiplier 1):
 *
 * <pre>
 *   stage 0: stem                              16 channels, reduction 2   (features.0)
 *   stage 1: units 1-2                         24 channels, reduction 4   (features.2)
 *   stage 2: units 3-4                         40 channels, reduction 8   (features.4, LR-ASPP's "low")
 *   stage 3: units 5-7                         80 channels, reduction 16  (features.7)
 *   stage 4: units 8-13                       160 channels, reduction 32  (features.13)
 *   stage 5: units 14-15 + 1x1 conv           960 channels, reduction 32  (features.16, LR-ASPP's "high")
 * </pre>
 *
 * <p>The width multiplier is {@code width / 16}, channels rounded as torchvision's {@code
 * _make_divisible(c * multiplier, 8)}; the last conv has six times the last unit's channels. Output
 * stride 16 is torchvision's {@code dilated=True} (the segmentation models' backbone): the last
 * resolution's units keep stride 1 and all of them, the first included, use dilation 2; output
 * stride 8 goes on in the same way (dilation 2 from unit 7, 4 from unit 13). The classifier is left
 * out.
 */
public final class MobileNetV3LargeEncoder extends StageEncoder {

    private static final byte VERSION = 1;

    /** Encoder name in the registry. */
    public static final String NAME = "mobilenetv3_large";

    /** Default stem channels (width multiplier 1). */
    public static final int DEFAULT_WIDTH = 16;

    /** torchvision's batch-norm epsilon for MobileNetV3. */
    public static final float BN_EPSILON = 1e-3f;

    /** torchvision's batch-norm momentum 0.01 in DJL's sense (weight of the running statistics). */
    public static final float BN_MOMENTUM = 0.99f;

    /**
     * torchvision's {@code inverted_residual_setting} for {@code mobilenet_v3_large}, per unit:
     * input, kernel, expanded and output channels (at multiplier 1), squeeze-excitation (1/0), hard
     * swish (1) or ReLU (0), stride.
     */
    static final int[][] BNECKS = {
        {16, 3, 16, 16, 0, 0, 1},
        {16, 3, 64, 24, 0, 0, 2},
        {24, 3, 72, 24, 0, 0, 1},
        {24, 5, 72, 40, 1, 0, 2},
        {40, 5, 120, 40, 1, 0, 1},
        {40, 5, 120, 40, 1, 0, 1},
        {40, 3, 240, 80, 0, 1, 2},
        {80, 3, 200, 80, 0, 1, 1},
        {80, 3, 184, 80, 0, 1, 1},
        {80, 3, 184, 80, 0, 1, 1},
        {80, 3, 480, 112, 1, 1, 1},
        {112, 3, 672, 112, 1, 1, 1},
        {112, 5, 672, 160, 1, 1, 2},
        {160, 5, 960, 160, 1, 1, 1},
        {160, 5, 960, 160, 1, 1, 1},
    };

    /** The stem and the four strided units. */
    private static final int[] STAGE_STRIDES = {2, 2, 2, 2, 2};
    private static final int LAST_CONV_FACTOR = 6;

    private MobileNetV3LargeEncoder(Builder b) {
        super(VERSION, NAME);
        double multiplier = b.width / (double) DEFAULT_WIDTH;
        DilationPlan plan = new DilationPlan(NAME, STAGE_STRIDES, b.outputStride, 8, 16, 32);
        int stem = MobileNetV2Encoder.divisible(DEFAULT_WIDTH * multiplier);
        addStage(new SequentialBlock().add(unit(stem, 3, 2, 1, 1, Nonlinearity.HARD_SWISH)), stem, plan.reduction(0));
        int resolution = 0;
        int channels = stem;
        SequentialBlock stage = new SequentialBlock();
        for (int[] u : BNECKS) {
            boolean strided = u[6] == 2;
            resolution += strided ? 1 : 0;
            int out = MobileNetV2Encoder.divisible(u[3] * multiplier);
            stage.add(bottleneck(MobileNetV2Encoder.divisible(u[0] * multiplier), u[1],
                    MobileNetV2Encoder.divisible(u[2] * multiplier), out, u[4] == 1,
                    u[5] == 1 ? Nonlinearity.HARD_SWISH : Nonlinearity.RELU, u[6],
                    strided ? plan.stride(resolution) : 1, plan.dilation(resolution)));
            channels = out;
            if (strided) {
                addStage(stage, out, plan.reduction(resolution));
                stage = new SequentialBlock();
            }
        }
        int last = LAST_CONV_FACTOR * channels;
        stage.add(unit(last, 1, 1, 1, 1, Nonlinearity.HARD_SWISH));
        addStage(stage, last, plan.reduction(resolution));
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    private static ConvBn unit(int filters, int kernel, int stride, int dilation, int groups, Nonlinearity act) {
        return ConvBn.builder().setFilters(filters).setKernel(kernel).optStride(stride).optDilation(dilation)
                .optGroups(groups).optNonlinearity(act).optEpsilon(BN_EPSILON).optMomentum(BN_MOMENTUM).build();
    }

    /**
     * torchvision's {@code InvertedResidual}: the expansion only where it changes the channels, the
     * shortcut where the nominal stride is 1 and the channels are kept.
     */
    private static Block bottleneck(int in, int kernel, int expanded, int out, boolean se, Nonlinearity act,
            int nominalStride, int stride, int dilation) {
        SequentialBlock main = new SequentialBlock();
        if (expanded != in) {
            main.add(unit(expanded, 1, 1, 1, 1, act));
        }
        main.add(unit(expanded, kernel, stride, dilation, expanded, act));
        if (se) {
            main.add(new SqueezeExcitation(expanded, MobileNetV2Encoder.divisible(expanded / 4),
                    SqueezeExcitation.Gate.HARD_SIGMOID));
        }
        main.add(unit(out, 1, 1, 1, 1, Nonlinearity.NONE));
        return nominalStride == 1 && in == out ? new Residual(main, null, false) : main;
    }

    /** Builder; all settings optional. */
    public static final class Builder {
        private int width = DEFAULT_WIDTH;
        private int outputStride = 32;

        private Builder() {}

        /** Stem channels at multiplier 1 (default 16; 8 is multiplier 0.5, as torchvision's {@code width_mult}). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /**
         * Largest reduction: 32 (default), 16 (torchvision's {@code dilated=True}) or 8 (the last two
         * resolutions dilated).
         */
        public Builder optOutputStride(int outputStride) {
            this.outputStride = outputStride;
            return this;
        }

        /** Validates and builds. */
        public MobileNetV3LargeEncoder build() {
            if (width < 1) {
                throw new Seg4jException(NAME + " encoder width must be at least 1, got " + width);
            }
            return new MobileNetV3LargeEncoder(this);
        }
    }
}
