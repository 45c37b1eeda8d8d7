package org.seg4j.onnx.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.util.Pair;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.model.decoder.segmenter.MaskTransformerDecoder;
import org.seg4j.model.encoder.VitEncoder;
import org.seg4j.model.layer.MultiHeadAttention;
import org.seg4j.model.layer.PositionalEmbedding;
import org.seg4j.model.layer.TransformerBlock;
import org.seg4j.onnx.export.OnnxGraph.Attr;

/**
 * Exports of Segmenter's transformer blocks: the ViT encoder (patch embedding, positional
 * embedding resized to the token grid, pre-norm transformer blocks), the mask transformer decoder
 * and the layers they share (linear layers, layer norm, multi-head attention, exact GELU). Token
 * counts and grid sizes are read from the values' shapes, so height and width stay dynamic.
 */
final class TransformerExports {

    private TransformerExports() {}

    static void registerInto(BlockExports r) {
        r.register(Linear.class, (b, in, out) -> List.of(linear(out, b, in.get(0))));
        r.register(LayerNorm.class, (b, in, out) -> List.of(layerNorm(out, b, in.get(0))));
        r.register(MultiHeadAttention.class, TransformerExports::attention);
        r.register(TransformerBlock.class, (b, in, out) -> {
            String x = in.get(0);
            x = out.add(x, out.emit(out.child(b, "attn"), out.emit(out.child(b, "norm1"), x)));
            String hidden = gelu(out, out.emit(out.child(b, "fc1"), out.emit(out.child(b, "norm2"), x)));
            return List.of(out.add(x, out.emit(out.child(b, "fc2"), hidden)));
        });
        // the embedding is resized to the patch grid with DJL's (antialiased) bilinear weights
        r.register(PositionalEmbedding.class, (b, in, out) -> {
            NDArray pos = out.param(b, "pos_embed");
            String table = out.graph().floats("pos", pos.toFloatArray(), pos.getShape().getShape());
            return List.of(out.add(in.get(0), AxisMatrices.antialiasedResizeLike(out, table, in.get(0))));
        });
        r.register(VitEncoder.class, (b, in, out) -> {
            String grid = out.emit(out.child(b, "pos_embed"), out.emit(out.child(b, "patch_embed"), in.get(0)));
            String tokens = fromGrid(out, grid);
            for (Pair<String, Block> c : b.getChildren()) {
                if (OnnxEmitter.childName(c.getKey()).startsWith("block")) {
                    tokens = out.emit(c.getValue(), tokens);
                }
            }
            return List.of(toGrid(out, out.emit(out.child(b, "norm"), tokens), grid));
        });
        r.register(MaskTransformerDecoder.class, TransformerExports::maskTransformer);
    }

    /** Patch tokens and learned class tokens through transformer blocks; masks are their normalised products. */
    private static List<String> maskTransformer(MaskTransformerDecoder d, List<String> in, OnnxEmitter out) {
        String grid = in.get(0);
        String patches = out.emit(out.child(d, "proj_dec"), fromGrid(out, grid));
        NDArray classEmbedding = out.param(d, "cls_emb");
        long[] shape = classEmbedding.getShape().getShape();
        String table = out.graph().floats("cls", classEmbedding.toFloatArray(), shape);
        String classes = out.node("Expand", List.of(table,
                out.concat(List.of(out.dims(patches, 0, 1), out.graph().longs("c", shape[1], shape[2])), 0)));
        String x = out.concat(List.of(patches, classes), 1);
        for (Pair<String, Block> c : d.getChildren()) {
            if (OnnxEmitter.childName(c.getKey()).startsWith("block")) {
                x = out.emit(c.getValue(), x);
            }
        }
        String y = out.emit(out.child(d, "decoder_norm"), x);
        String t = out.dims(patches, 1, 2);
        String one = out.graph().longs("axis", 1);
        String patchOut = out.node("Slice", List.of(y, out.graph().longs("c", 0), t, one));
        String classOut = out.node("Slice", List.of(y, t, out.graph().longs("c", Long.MAX_VALUE), one));
        patchOut = l2Normalize(out, out.emit(out.child(d, "proj_patch"), patchOut));
        classOut = l2Normalize(out, out.emit(out.child(d, "proj_classes"), classOut));
        String masks = out.node("MatMul", List.of(patchOut,
                out.node("Transpose", List.of(classOut), Attr.of("perm", 0L, 2L, 1L))));
        return List.of(toGrid(out, out.emit(out.child(d, "mask_norm"), masks), grid));
    }

    /** Queries, keys and values from one linear layer; per head softmax(q k^T / sqrt(d)) v; heads joined and projected. */
    private static List<String> attention(MultiHeadAttention a, List<String> in, OnnxEmitter out) {
        String qkv = out.emit(out.child(a, "qkv"), in.get(0));
        List<String> parts = out.graph().nodeWithOutputs("Split", 3, List.of(qkv), Attr.of("axis", 2L));
        long width = out.param(out.child(a, "proj"), "weight").getShape().get(0);
        long heads = a.heads();
        long dh = width / heads;
        String headShape = out.graph().longs("shape", 0, 0, heads, dh);
        List<String> qkvHeads = new ArrayList<>();
        for (String p : parts) {
            qkvHeads.add(out.node("Transpose", List.of(out.node("Reshape", List.of(p, headShape))),
                    Attr.of("perm", 0L, 2L, 1L, 3L)));
        }
        String q = out.node("Mul", List.of(qkvHeads.get(0),
                out.graph().floats("scale", new float[] {(float) (1.0 / Math.sqrt(dh))})));
        String kT = out.node("Transpose", List.of(qkvHeads.get(1)), Attr.of("perm", 0L, 1L, 3L, 2L));
        String probs = out.node("Softmax", List.of(out.node("MatMul", List.of(q, kT))), Attr.of("axis", -1L));
        String attended = out.node("Transpose", List.of(out.node("MatMul", List.of(probs, qkvHeads.get(2)))),
                Attr.of("perm", 0L, 2L, 1L, 3L));
        String joined = out.node("Reshape", List.of(attended, out.graph().longs("shape", 0, 0, width)));
        return List.of(out.emit(out.child(a, "proj"), joined));
    }

    /** {@code x W^T + b} over the last axis. */
    private static String linear(OnnxEmitter out, Linear linear, String x) {
        NDArray w = out.param(linear, "weight").transpose();
        String y = out.node("MatMul", List.of(x, out.graph().floats("w", w.toFloatArray(), w.getShape().getShape())));
        for (Pair<String, Parameter> p : linear.getParameters()) {
            if (p.getKey().equals("bias")) {
                NDArray b = p.getValue().getArray();
                y = out.add(y, out.graph().floats("b", b.toFloatArray(), b.getShape().getShape()));
            }
        }
        return y;
    }

    /** Layer norm over the last axis with the block's epsilon, scale and shift. */
    private static String layerNorm(OnnxEmitter out, LayerNorm norm, String x) {
        float epsilon;
        try {
            // DJL keeps the epsilon in a protected field without a getter
            Field f = LayerNorm.class.getDeclaredField("epsilon");
            f.setAccessible(true);
            epsilon = f.getFloat(norm);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw out.failure("cannot read the epsilon of a LayerNorm: " + e);
        }
        NDArray gamma = out.param(norm, "gamma");
        NDArray beta = out.param(norm, "beta");
        return out.node("LayerNormalization", List.of(x,
                out.graph().floats("gamma", gamma.toFloatArray(), gamma.getShape().getShape()),
                out.graph().floats("beta", beta.toFloatArray(), beta.getShape().getShape())),
                Attr.of("axis", -1L), Attr.of("epsilon", epsilon));
    }

    /** PyTorch's exact GELU, {@code x / 2 (1 + erf(x / sqrt 2))}. */
    private static String gelu(OnnxEmitter out, String x) {
        OnnxGraph g = out.graph();
        String erf = out.node("Erf", List.of(out.node("Mul", List.of(x, g.floats("c", new float[] {(float) (1 / Math.sqrt(2))})))));
        String gate = out.node("Mul", List.of(out.add(erf, g.floats("one", new float[] {1f})), g.floats("half", new float[] {0.5f})));
        return out.node("Mul", List.of(x, gate));
    }

    /** {@code x / sqrt(sum x^2 + 1e-12)} over the last axis (seg4j's {@code Tokens.l2Normalize}). */
    private static String l2Normalize(OnnxEmitter out, String x) {
        String squares = out.node("ReduceSumSquare", List.of(x), Attr.of("axes", new long[] {-1}), Attr.of("keepdims", 1L));
        String length = out.node("Sqrt", List.of(out.add(squares, out.graph().floats("eps", new float[] {1e-12f}))));
        return out.node("Div", List.of(x, length));
    }

    /** {@code (N, C, H, W)} as tokens {@code (N, H W, C)}. */
    private static String fromGrid(OnnxEmitter out, String grid) {
        String flat = out.node("Reshape", List.of(grid, out.graph().longs("shape", 0, 0, -1)));
        return out.node("Transpose", List.of(flat), Attr.of("perm", 0L, 2L, 1L));
    }

    /** Tokens {@code (N, H W, C)} back to {@code (N, C, H, W)} with {@code like}'s height and width. */
    private static String toGrid(OnnxEmitter out, String tokens, String like) {
        String channelsFirst = out.node("Transpose", List.of(tokens), Attr.of("perm", 0L, 2L, 1L));
        String shape = out.concat(List.of(out.graph().longs("c", 0, 0), out.dims(like, 2, 4)), 0);
        return out.node("Reshape", List.of(channelsFirst, shape));
    }
}
