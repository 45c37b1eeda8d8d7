package org.seg4j.model.decoder.selfie;

import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import org.seg4j.model.decoder.selfie.Activations.Kind;
import org.seg4j.model.encoder.StageEncoder;

/**
 * The selfie network's encoder, a small MobileNetV3: a 3x3/2 convolution with hard-swish, then
 * eight inverted residual blocks ({@link #BLOCKS}). Its features, highest resolution first:
 *
 * <pre>
 *   stage 0: stem                 16 channels, reduction 2
 *   stage 1: block 0              16 channels, reduction 4
 *   stage 2: blocks 1-2           24 channels, reduction 8
 *   stage 3: blocks 3-7           32 channels, reduction 16
 * </pre>
 */
public final class SelfieEncoder extends StageEncoder {

    private static final byte VERSION = 1;

    /** Encoder name in the registry. */
    public static final String NAME = "mobilenetv3-selfie";

    /**
     * Per block: expansion channels, output channels, depthwise kernel, stride, squeeze-excitation
     * channels (0: none), 1 for hard-swish (0: ReLU), and the stage it ends.
     */
    static final int[][] BLOCKS = {
        {16, 16, 3, 2, 8, 0, 1},
        {72, 24, 3, 2, 0, 0, 2},
        {88, 24, 3, 1, 0, 0, 2},
        {96, 32, 5, 2, 24, 1, 3},
        {128, 32, 5, 1, 32, 1, 3},
        {128, 32, 5, 1, 32, 1, 3},
        {96, 32, 5, 1, 24, 1, 3},
        {96, 32, 5, 1, 24, 1, 3},
    };

    /** Stem channels. */
    static final int STEM = 16;

    /** A new encoder. */
    public SelfieEncoder() {
        super(VERSION, NAME);
        SequentialBlock stem = new SequentialBlock()
                .add(new SameConv(STEM, 3, 2, 1))
                .add(new LambdaBlock(x -> new NDList(Activations.hardSwish(x.head())), "hardswish"));
        addStage(stem, STEM, 2);
        int in = STEM;
        int reduction = 2;
        for (int stage = 1; stage <= 3; stage++) {
            SequentialBlock blocks = new SequentialBlock();
            for (int[] b : BLOCKS) {
                if (b[6] != stage) {
                    continue;
                }
                blocks.add(new InvertedResidual(in, b[0], b[1], b[2], b[3], b[4], b[5] == 1 ? Kind.HARD_SWISH : Kind.RELU));
                in = b[1];
                reduction *= b[3];
            }
            addStage(blocks, in, reduction);
        }
    }
}
