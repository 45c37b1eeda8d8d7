package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * Multi-head scaled dot-product self-attention (Vaswani et al., 2017) over tokens {@code (N, T,
 * D)}: one linear layer makes queries, keys and values, each head attends with {@code
 * softmax(q k^T / sqrt(d_head)) v}, and a linear layer mixes the concatenated heads. Works for any
 * sequence length {@code T}.
 */
public final class MultiHeadAttention extends AbstractBlock {

    private static final byte VERSION = 1;

    /**
     * Queries per chunk: longer sequences are attended in chunks of this many queries, so the score
     * matrix of one chunk ({@code N x heads x chunk x T} floats) bounds the memory instead of {@code
     * T²} (at 1024 x 1024 pixels with patch 8, 16384 tokens, a full score matrix of ViT-Tiny would
     * take 3 GB).
     */
    public static final int DEFAULT_QUERY_CHUNK = 1024;

    private final int dim;
    private final int heads;
    private final Linear qkv;
    private final Linear proj;
    private final int queryChunk;

    /**
     * @param dim token width {@code D}
     * @param heads number of heads; must divide {@code dim}
     */
    public MultiHeadAttention(int dim, int heads) {
        this(dim, heads, DEFAULT_QUERY_CHUNK);
    }

    /**
     * @param dim token width {@code D}
     * @param heads number of heads; must divide {@code dim}
     * @param queryChunk queries attended at once (the result does not depend on it)
     */
    public MultiHeadAttention(int dim, int heads, int queryChunk) {
        super(VERSION);
        if (queryChunk < 1) {
            throw new IllegalArgumentException("query chunk must be at least 1, got " + queryChunk);
        }
        this.queryChunk = queryChunk;
        if (heads < 1 || dim % heads != 0) {
            throw new IllegalArgumentException("attention width " + dim + " is not divisible by " + heads + " heads");
        }
        this.dim = dim;
        this.heads = heads;
        this.qkv = addChildBlock("qkv", linear(3L * dim));
        this.proj = addChildBlock("proj", linear(dim));
    }

    /** Number of heads. */
    public int heads() {
        return heads;
    }

    /** A token-wise linear layer initialised as in ViT (normal, std 0.02). */
    static Linear linear(long out) {
        Linear l = Linear.builder().setUnits(out).build();
        l.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        return l;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.head();
        Shape s = x.getShape();
        long n = s.get(0);
        long t = s.get(1);
        long dh = dim / heads;
        NDList parts = qkv.forward(ps, new NDList(x), training, params).head().split(3, 2);
        NDArray q = Scalars.mul(heads(parts.get(0), n, t, dh), (float) (1.0 / Math.sqrt(dh)));
        NDArray k = heads(parts.get(1), n, t, dh);
        NDArray v = heads(parts.get(2), n, t, dh);
        NDArray attended;
        if (t <= queryChunk) {
            attended = attend(q, k, v, training);
        } else {
            NDList chunks = new NDList();
            for (long start = 0; start < t; start += queryChunk) {
                NDArray qc = q.get(new NDIndex(":, {}:{}, :", start, Math.min(t, start + queryChunk)));
                chunks.add(attend(qc, k, v, training));
            }
            attended = NDArrays.concat(chunks, 1);
        }
        NDArray out = attended.reshape(n, heads, t, dh).transpose(0, 2, 1, 3).reshape(n, t, dim);
        return proj.forward(ps, new NDList(out), training, params);
    }

    /**
     * {@code softmax(q k^T) v} for queries {@code (B, Tq, dh)} and keys, values {@code (B, T, dh)}.
     * Outside training, the {@code B x Tq x T} score and probability arrays are released as soon
     * as they are used, so that chunked queries bound the peak memory.
     */
    private static NDArray attend(NDArray q, NDArray k, NDArray v, boolean training) {
        NDArray scores = q.batchMatMul(k.transpose(0, 2, 1));
        NDArray probs = scores.softmax(2);
        NDArray out = probs.batchMatMul(v);
        if (!training) {
            scores.close();
            probs.close();
        }
        return out;
    }

    /** {@code (N, T, D)} to {@code (N * heads, T, D / heads)}. */
    private NDArray heads(NDArray x, long n, long t, long dh) {
        return x.reshape(n, t, heads, dh).transpose(0, 2, 1, 3).reshape(n * heads, t, dh);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        qkv.initialize(manager, dataType, inputShapes[0]);
        proj.initialize(manager, dataType, inputShapes[0]);
    }
}
