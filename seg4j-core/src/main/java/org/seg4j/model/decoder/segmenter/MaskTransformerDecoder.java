package org.seg4j.model.decoder.segmenter;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.layer.Spatial;
import org.seg4j.model.layer.Tokens;
import org.seg4j.model.layer.TransformerBlock;

/**
 * Segmenter's mask transformer (Strudel et al., 2021, section 3.2). The encoder's patch tokens are
 * projected to the decoder width and concatenated with {@code K} learned class embeddings, one per
 * class; {@code depth} transformer blocks process patches and classes jointly, followed by a layer
 * norm. Patch and class embeddings are then linearly projected, L2-normalised, and their scalar
 * products give one mask per class: {@code masks = norm(patches) · norm(classes)^T}, shape {@code
 * (N, T, K)}. A layer norm over the classes ("mask norm" in the reference implementation) sets
 * their scale, and the masks are reshaped to the patch grid: the output is {@code (N, K, h, w)}
 * class logits at the encoder's patch stride, to be upsampled by a head without projection.
 */
public final class MaskTransformerDecoder extends AbstractBlock implements Decoder {

    private static final byte VERSION = 1;

    private final int numClasses;
    private final int dim;
    private final int reduction;
    private final Linear inputProjection;
    private final Parameter classEmbedding;
    private final List<TransformerBlock> blocks = new ArrayList<>();
    private final LayerNorm norm;
    private final Linear patchProjection;
    private final Linear classProjection;
    private final LayerNorm maskNorm;

    private MaskTransformerDecoder(Builder b, int dim, int heads) {
        super(VERSION);
        this.numClasses = b.numClasses;
        this.dim = dim;
        this.reduction = b.encoder.outputStride();
        this.inputProjection = addChildBlock("proj_dec", linear(dim, true, 0.02f));
        this.classEmbedding = addParameter(Parameter.builder()
                .setName("cls_emb")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(1, numClasses, dim))
                .optInitializer(new NormalInitializer(0.02f))
                .build());
        for (int i = 0; i < b.depth; i++) {
            blocks.add(addChildBlock("block" + i, new TransformerBlock(dim, heads, b.mlpRatio)));
        }
        this.norm = addChildBlock("decoder_norm", TransformerBlock.tokenNorm());
        // As in the reference code: random square projections with std 1/sqrt(dim), whose scale
        // does not matter after the L2 normalisation (a small std would make updates relatively huge).
        float scale = (float) (1 / Math.sqrt(dim));
        this.patchProjection = addChildBlock("proj_patch", linear(dim, false, scale));
        this.classProjection = addChildBlock("proj_classes", linear(dim, false, scale));
        this.maskNorm = addChildBlock("mask_norm", LayerNorm.builder().axis(2).build());
    }

    private static Linear linear(int units, boolean bias, float std) {
        Linear l = Linear.builder().setUnits(units).optBias(bias).build();
        l.setInitializer(new NormalInitializer(std), Parameter.Type.WEIGHT);
        return l;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public int[] featureReductions() {
        return new int[] {reduction};
    }

    @Override
    public int outChannels() {
        return numClasses;
    }

    @Override
    public int outputReduction() {
        return reduction;
    }

    /** Width of the decoder's tokens. */
    public int width() {
        return dim;
    }

    /** Number of transformer blocks. */
    public int depth() {
        return blocks.size();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList features, boolean training, PairList<String, Object> params) {
        NDArray grid = features.head();
        Shape gs = grid.getShape();
        long n = gs.get(0);
        long h = Spatial.height(gs);
        long w = Spatial.width(gs);
        long t = h * w;
        NDArray patches = inputProjection.forward(ps, new NDList(Tokens.fromGrid(grid)), training, params).head();
        NDArray classes = ps.getValue(classEmbedding, grid.getDevice(), training).broadcast(n, numClasses, dim);
        classes.attach(grid.getManager()); // freed with the batch, not with the parameters
        NDList x = new NDList(patches.concat(classes, 1));
        for (TransformerBlock block : blocks) {
            x = block.forward(ps, x, training, params);
        }
        NDArray y = norm.forward(ps, x, training, params).head();
        NDArray patchOut = y.get(new NDIndex(":, :{}, :", t));
        NDArray classOut = y.get(new NDIndex(":, {}:, :", t));
        patchOut = Tokens.l2Normalize(patchProjection.forward(ps, new NDList(patchOut), training, params).head());
        classOut = Tokens.l2Normalize(classProjection.forward(ps, new NDList(classOut), training, params).head());
        NDArray masks = patchOut.matMul(classOut.transpose(0, 2, 1)); // (N, T, K)
        masks = maskNorm.forward(ps, new NDList(masks), training, params).head();
        return new NDList(Tokens.toGrid(masks, h, w));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = inputShapes[0];
        return new Shape[] {new Shape(s.get(0), numClasses, Spatial.height(s), Spatial.width(s))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        long n = s.get(0);
        long t = Spatial.height(s) * Spatial.width(s);
        inputProjection.initialize(manager, dataType, new Shape(n, t, s.get(1)));
        Shape joint = new Shape(n, t + numClasses, dim);
        for (TransformerBlock block : blocks) {
            block.initialize(manager, dataType, joint);
        }
        norm.initialize(manager, dataType, joint);
        patchProjection.initialize(manager, dataType, new Shape(n, t, dim));
        classProjection.initialize(manager, dataType, new Shape(n, numClasses, dim));
        maskNorm.initialize(manager, dataType, new Shape(n, t, numClasses));
    }

    /** Builder: {@link #setEncoder} and {@link #setNumClasses} are required. */
    public static final class Builder {
        private Encoder encoder;
        private int numClasses;
        private int width;
        private int depth = 2;
        private int heads;
        private int mlpRatio = 4;

        private Builder() {}

        /** The encoder; the decoder reads its last (coarsest) feature map. */
        public Builder setEncoder(Encoder encoder) {
            this.encoder = encoder;
            return this;
        }

        /** Number of classes (one learned class embedding and one mask each). */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /** Decoder token width (default: the encoder's channels, as in the paper). */
        public Builder optWidth(int width) {
            this.width = width;
            return this;
        }

        /** Number of transformer blocks (default 2, as in the paper). */
        public Builder optDepth(int depth) {
            this.depth = depth;
            return this;
        }

        /** Attention heads (default {@code max(1, width / 64)}). */
        public Builder optHeads(int heads) {
            this.heads = heads;
            return this;
        }

        /** Hidden width of the MLPs relative to the token width (default 4). */
        public Builder optMlpRatio(int mlpRatio) {
            this.mlpRatio = mlpRatio;
            return this;
        }

        /** Validates and builds. */
        public MaskTransformerDecoder build() {
            if (encoder == null) {
                throw new Seg4jException("a segmenter decoder needs an encoder");
            }
            if (numClasses < 1) {
                throw new Seg4jException("a segmenter decoder needs at least 1 class, got " + numClasses);
            }
            int[] channels = encoder.outChannels();
            int d = width > 0 ? width : channels[channels.length - 1];
            if (depth < 1 || depth > 24) {
                throw new Seg4jException("segmenter dec_depth must be 1..24, got " + depth);
            }
            int h = heads > 0 ? heads : Math.max(1, d / 64);
            if (heads < 0 || d % h != 0) {
                throw new Seg4jException("segmenter dec_heads (" + h + ") must divide the decoder width (" + d + ")");
            }
            if (mlpRatio < 1 || mlpRatio > 16) {
                throw new Seg4jException("segmenter mlp_ratio must be 1..16, got " + mlpRatio);
            }
            return new MaskTransformerDecoder(this, d, h);
        }
    }
}
