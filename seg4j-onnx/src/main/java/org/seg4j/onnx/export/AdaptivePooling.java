package org.seg4j.onnx.export;

import java.util.List;
import org.seg4j.onnx.export.OnnxGraph.Attr;

/**
 * Adaptive average pooling to {@code b x b} for inputs of any height and width, which ONNX has no
 * operator for. As seg4j's {@code AdaptivePool}, it is two matrix products with averaging matrices
 * ({@code P_h x X x P_w^T}); here the matrices are built inside the graph from the input's shape,
 * so the export stays dynamic in height and width: row {@code i} of an axis of length {@code n}
 * holds {@code 1 / (end - start)} on positions {@code start = floor(i n / b)} to {@code end =
 * ceil((i + 1) n / b)} (exclusive), PyTorch's bins.
 */
final class AdaptivePooling {

    private static final long FLOAT = 1;

    private AdaptivePooling() {}

    /** {@code x (N, C, H, W)} pooled to {@code (N, C, bins, bins)}. */
    static String avg(OnnxEmitter out, String x, int bins) {
        String rows = matrix(out, out.dims(x, 2, 3), bins);
        String colsT = out.node("Transpose", List.of(matrix(out, out.dims(x, 3, 4), bins)), Attr.of("perm", 1L, 0L));
        return out.node("MatMul", List.of(out.node("MatMul", List.of(rows, x)), colsT));
    }

    /** The {@code (bins, n)} averaging matrix of an axis whose length is the 1-D int64 value {@code n}. */
    private static String matrix(OnnxEmitter out, String n, int bins) {
        OnnxGraph g = out.graph();
        long[] index = new long[bins];
        long[] next = new long[bins];
        for (int i = 0; i < bins; i++) {
            index[i] = i;
            next[i] = i + 1;
        }
        String b = g.longs("bins", bins);
        // int64 division truncates, which is the floor for these non-negative values
        String start = out.node("Div", List.of(out.node("Mul", List.of(g.longs("i", index), n)), b));
        String end = out.node("Div", List.of(out.node("Add", List.of(out.node("Mul", List.of(g.longs("i", next), n)),
                g.longs("c", bins - 1))), b));
        String positions = out.node("Range", List.of(g.scalar("zero", 0), out.node("Squeeze", List.of(n)),
                g.scalar("one", 1)));
        String row = out.node("Unsqueeze", List.of(positions, g.longs("axis", 0)));
        String startCol = out.node("Unsqueeze", List.of(start, g.longs("axis", 1)));
        String endCol = out.node("Unsqueeze", List.of(end, g.longs("axis", 1)));
        String inside = out.node("And", List.of(out.node("GreaterOrEqual", List.of(row, startCol)),
                out.node("Less", List.of(row, endCol))));
        String count = out.node("Cast", List.of(out.node("Sub", List.of(endCol, startCol))), Attr.of("to", FLOAT));
        return out.node("Div", List.of(out.node("Cast", List.of(inside), Attr.of("to", FLOAT)), count));
    }
}
