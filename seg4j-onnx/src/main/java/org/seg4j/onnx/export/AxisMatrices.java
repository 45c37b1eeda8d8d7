package org.seg4j.onnx.export;

import java.util.List;
import org.seg4j.onnx.export.OnnxGraph.Attr;

/**
 * Spatial operations that ONNX has no exact operator for, written as two matrix products {@code
 * R_h x X x R_w^T} whose matrices are built inside the graph from the values' shapes, so the export
 * stays dynamic in height and width.
 *
 * <ul>
 *   <li>Adaptive average pooling to {@code b x b} (as seg4j's {@code AdaptivePool}): row {@code i}
 *       of an axis of length {@code n} holds {@code 1 / (end - start)} on positions {@code start =
 *       floor(i n / b)} to {@code end = ceil((i + 1) n / b)} (exclusive), PyTorch's bins.
 *   <li>Bilinear resizing with antialiasing, which is what DJL's PyTorch engine runs for every
 *       bilinear resize ({@code interpolate(..., align_corners=False, antialias=True)}). It equals
 *       plain bilinear interpolation when enlarging (ONNX {@code Resize} is used there), but not
 *       when shrinking, e.g. a 6x6 pyramid-pooling bin resized to a 2x2 feature map. Row {@code i}
 *       holds the triangle filter {@code max(0, 1 - |j + 0.5 - s (i + 0.5)| / max(s, 1))} over
 *       input positions {@code j}, {@code s = in / out}, normalised to sum 1 (PyTorch's weights).
 * </ul>
 */
final class AxisMatrices {

    private static final long FLOAT = 1;

    private AxisMatrices() {}

    /** {@code x (N, C, H, W)} adaptively average-pooled to {@code (N, C, bins, bins)}. */
    static String adaptiveAvgPool(OnnxEmitter out, String x, int bins) {
        return apply(out, x, pooling(out, out.dims(x, 2, 3), bins), pooling(out, out.dims(x, 3, 4), bins));
    }

    /** {@code x} resized bilinearly, with PyTorch's antialiasing, to {@code like}'s height and width. */
    static String antialiasedResizeLike(OnnxEmitter out, String x, String like) {
        return apply(out, x, antialiased(out, out.dims(x, 2, 3), out.dims(like, 2, 3)),
                antialiased(out, out.dims(x, 3, 4), out.dims(like, 3, 4)));
    }

    private static String apply(OnnxEmitter out, String x, String rows, String cols) {
        String colsT = out.node("Transpose", List.of(cols), Attr.of("perm", 1L, 0L));
        return out.node("MatMul", List.of(out.node("MatMul", List.of(rows, x)), colsT));
    }

    /** The {@code (bins, n)} averaging matrix of an axis whose length is the 1-D int64 value {@code n}. */
    private static String pooling(OnnxEmitter out, String n, int bins) {
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
        String row = out.node("Unsqueeze", List.of(positions(out, n), g.longs("axis", 0)));
        String startCol = out.node("Unsqueeze", List.of(start, g.longs("axis", 1)));
        String endCol = out.node("Unsqueeze", List.of(end, g.longs("axis", 1)));
        String inside = out.node("And", List.of(out.node("GreaterOrEqual", List.of(row, startCol)),
                out.node("Less", List.of(row, endCol))));
        String count = out.node("Cast", List.of(out.node("Sub", List.of(endCol, startCol))), Attr.of("to", FLOAT));
        return out.node("Div", List.of(out.node("Cast", List.of(inside), Attr.of("to", FLOAT)), count));
    }

    /** The {@code (out, in)} antialiased bilinear matrix between axes of lengths {@code in} and {@code out} (1-D int64). */
    private static String antialiased(OnnxEmitter out, String in, String outLength) {
        OnnxGraph g = out.graph();
        String scale = out.node("Div", List.of(toFloat(out, in), toFloat(out, outLength)));
        String support = out.node("Max", List.of(scale, g.floats("one", new float[] {1f})));
        String half = g.floats("half", new float[] {0.5f});
        String centres = out.node("Mul", List.of(out.node("Add", List.of(toFloat(out, positions(out, outLength)), half)),
                scale));
        String sources = out.node("Add", List.of(toFloat(out, positions(out, in)), half));
        String distance = out.node("Sub", List.of(out.node("Unsqueeze", List.of(sources, g.longs("axis", 0))),
                out.node("Unsqueeze", List.of(centres, g.longs("axis", 1)))));
        String weights = out.relu(out.node("Sub", List.of(g.floats("one", new float[] {1f}),
                out.node("Div", List.of(out.node("Abs", List.of(distance)), support)))));
        String sums = out.node("ReduceSum", List.of(weights, g.longs("axis", 1)), Attr.of("keepdims", 1L));
        return out.node("Div", List.of(weights, sums));
    }

    /** {@code 0, 1, ..., n - 1} for the 1-D int64 length {@code n}. */
    private static String positions(OnnxEmitter out, String n) {
        OnnxGraph g = out.graph();
        return out.node("Range", List.of(g.scalar("zero", 0), out.node("Squeeze", List.of(n)), g.scalar("one", 1)));
    }

    private static String toFloat(OnnxEmitter out, String x) {
        return out.node("Cast", List.of(x), Attr.of("to", FLOAT));
    }
}
