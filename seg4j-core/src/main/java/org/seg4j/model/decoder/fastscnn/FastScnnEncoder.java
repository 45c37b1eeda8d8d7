package org.seg4j.model.decoder.fastscnn;

import ai.djl.nn.SequentialBlock;
import org.seg4j.Seg4jException;
import org.seg4j.model.encoder.StageEncoder;

/**
 * Fast-SCNN's shared downsampling path (Poudel, Liwicki and Cipolla, 2019), in three stages:
 *
 * <ol>
 *   <li>stride 8, "learning to downsample": a 3x3 stride-2 conv ({@code w} channels) and two
 *       stride-2 depthwise-separable convs ({@code 1.5w}, {@code 2w}); this is also the
 *       high-resolution branch of the feature fusion;
 *   <li>stride 16: {@code n} inverted residual bottlenecks with {@code 2w} channels (first one
 *       stride 2);
 *   <li>stride 32: {@code n} bottlenecks with {@code 3w} channels (first one stride 2), then
 *       {@code n} with {@code 4w} channels at stride 1.
 * </ol>
 *
 * With the paper's {@code w = 32} (the default here is 16), {@code n = 3} and expansion 6 this is
 * its learning-to-downsample module and global feature extractor without the pyramid pooling,
 * which {@link FastScnnDecoder} applies.
 */
public final class FastScnnEncoder extends StageEncoder {

    private static final byte VERSION = 1;

    /** The paper's channels of the first convolution. */
    public static final int PAPER_WIDTH = 32;
    /**
     * Default channels of the first convolution: half the paper's, which keeps inference at 360x480
     * above 10 images/s on a loaded 2-core CPU (see {@link FastScnn}).
     */
    public static final int DEFAULT_WIDTH = 16;
    /** Default bottlenecks per group (the paper's). */
    public static final int DEFAULT_BLOCKS = 3;
    /** Default expansion factor of the bottlenecks (the paper's). */
    public static final int DEFAULT_EXPANSION = 6;

    private FastScnnEncoder(Builder b) {
        super(VERSION, "fastscnn");
        int w = b.width;
        int c1 = w + w / 2;
        int c2 = 2 * w;
        addStage(new SequentialBlock()
                        .add(FastScnnLayers.convBnRelu(w, 3, 2))
                        .add(FastScnnLayers.separable(w, c1, 2))
                        .add(FastScnnLayers.separable(c1, c2, 2)),
                c2, 8);
        SequentialBlock s16 = new SequentialBlock();
        int in = bottlenecks(s16, c2, 2 * w, 2, b);
        addStage(s16, in, 16);
        SequentialBlock s32 = new SequentialBlock();
        in = bottlenecks(s32, in, 3 * w, 2, b);
        in = bottlenecks(s32, in, 4 * w, 1, b);
        addStage(s32, in, 32);
    }

    private static int bottlenecks(SequentialBlock into, int in, int out, int stride, Builder b) {
        for (int i = 0; i < b.blocks; i++) {
            into.add(new InvertedResidual(i == 0 ? in : out, out, i == 0 ? stride : 1, b.expansion));
        }
        return out;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builder; all settings optional. */
    public static final class Builder {
        private int width = DEFAULT_WIDTH;
        private int blocks = DEFAULT_BLOCKS;
        private int expansion = DEFAULT_EXPANSION;

        private Builder() {}

        /** Channels of the first convolution, {@code w} (default 16, the paper's is 32; an even number). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Bottlenecks per group, {@code n} (default 3). */
        public Builder optBlocks(int blocks) {
            this.blocks = blocks;
            return this;
        }

        /** Expansion factor of the bottlenecks (default 6). */
        public Builder optExpansion(int expansion) {
            this.expansion = expansion;
            return this;
        }

        /** Validates and builds. */
        public FastScnnEncoder build() {
            if (width < 2 || width % 2 != 0) {
                throw new Seg4jException("fastscnn width must be an even number of at least 2, got " + width);
            }
            if (blocks < 1 || blocks > 8) {
                throw new Seg4jException("fastscnn blocks must be 1..8, got " + blocks);
            }
            if (expansion < 1 || expansion > 8) {
                throw new Seg4jException("fastscnn expansion must be 1..8, got " + expansion);
            }
            return new FastScnnEncoder(this);
        }
    }
}
