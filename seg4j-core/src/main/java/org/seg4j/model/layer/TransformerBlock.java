package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A pre-norm transformer encoder block as in ViT (Dosovitskiy et al., 2021) and Segmenter: {@code x
 * + attention(norm1(x))}, then {@code x + mlp(norm2(x))} with a two-layer MLP and GELU. Input and
 * output are tokens {@code (N, T, D)} of any length {@code T}. Dropout and stochastic depth are
 * left out (they only regularise training).
 */
public final class TransformerBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final LayerNorm norm1;
    private final MultiHeadAttention attention;
    private final LayerNorm norm2;
    private final Linear fc1;
    private final Linear fc2;

    /**
     * @param dim token width {@code D}
     * @param heads attention heads; must divide {@code dim}
     * @param mlpRatio hidden width of the MLP relative to {@code dim} (4 in ViT)
     */
    public TransformerBlock(int dim, int heads, int mlpRatio) {
        super(VERSION);
        if (mlpRatio < 1) {
            throw new IllegalArgumentException("mlp ratio must be at least 1, got " + mlpRatio);
        }
        this.norm1 = addChildBlock("norm1", tokenNorm());
        this.attention = addChildBlock("attn", new MultiHeadAttention(dim, heads));
        this.norm2 = addChildBlock("norm2", tokenNorm());
        this.fc1 = addChildBlock("fc1", MultiHeadAttention.linear((long) dim * mlpRatio));
        this.fc2 = addChildBlock("fc2", MultiHeadAttention.linear(dim));
    }

    /** Layer norm over the last axis of {@code (N, T, D)} tokens. */
    public static LayerNorm tokenNorm() {
        return LayerNorm.builder().axis(2).optEpsilon(1e-6f).build();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        NDList h = norm1.forward(ps, new NDList(x), training, params);
        x = x.add(attention.forward(ps, h, training, params).head());
        h = norm2.forward(ps, new NDList(x), training, params);
        NDArray hidden = Activation.gelu(fc1.forward(ps, h, training, params).head());
        x = x.add(fc2.forward(ps, new NDList(hidden), training, params).head());
        return new NDList(x);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape s = inputShapes[0];
        norm1.initialize(manager, dataType, s);
        attention.initialize(manager, dataType, s);
        norm2.initialize(manager, dataType, s);
        fc1.initialize(manager, dataType, s);
        fc2.initialize(manager, dataType, fc1.getOutputShapes(new Shape[] {s}));
    }
}
