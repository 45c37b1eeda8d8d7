package org.seg4j.onnx.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.BatchNormFolding;
import org.seg4j.onnx.export.OnnxGraph.Attr;

/**
 * What a {@link BlockExport} writes with: the graph under construction, the registry (to export
 * child blocks) and the ONNX idioms seg4j's blocks share (convolutions with batch norm folded,
 * bilinear resizing with seg4j's semantics, crops and broadcasts to another value's size).
 * Spatial sizes are never baked in: they are read from the values' shapes at run time, so height
 * and width stay dynamic.
 */
final class OnnxEmitter {

    private final OnnxGraph graph;
    private final BlockExports registry;
    private final NDManager manager;
    private final String architecture;
    private final Deque<String> path = new ArrayDeque<>();

    OnnxEmitter(OnnxGraph graph, BlockExports registry, NDManager manager, String architecture) {
        this.graph = graph;
        this.registry = registry;
        this.manager = manager;
        this.architecture = architecture;
    }

    /** The graph under construction. */
    OnnxGraph graph() {
        return graph;
    }

    /** Scratch arrays (folded weights) live here until the export ends. */
    NDManager manager() {
        return manager;
    }

    /** Exports {@code block} reading {@code inputs}; fails naming the block when no export handles it. */
    List<String> emit(Block block, List<String> inputs) {
        BlockExport<Block> export = registry.find(block);
        if (export == null) {
            throw new Seg4jException("ONNX export of architecture '" + architecture + "': block "
                    + block.getClass().getName() + " (inside " + String.join(" > ", reversedPath())
                    + ") is not supported; blocks that export: " + String.join(", ", registry.names()));
        }
        path.push(block.getClass().getSimpleName());
        try {
            return export.emit(block, inputs, this);
        } finally {
            path.pop();
        }
    }

    /** Exports a block with one input and one output. */
    String emit(Block block, String x) {
        return emit(block, List.of(x)).get(0);
    }

    /** A failure that names the architecture and where in the model it happened. */
    Seg4jException failure(String message) {
        return new Seg4jException("ONNX export of architecture '" + architecture + "' (at "
                + String.join(" > ", reversedPath()) + "): " + message);
    }

    private List<String> reversedPath() {
        List<String> p = new ArrayList<>(path);
        java.util.Collections.reverse(p);
        return p.isEmpty() ? List.of("the model") : p;
    }

    /** A node with one output. */
    String node(String op, List<String> inputs, Attr... attributes) {
        return graph.node(op, inputs, attributes);
    }

    /** The child block registered as {@code name}. */
    Block child(Block parent, String name) {
        for (Pair<String, Block> c : parent.getChildren()) {
            if (childName(c.getKey()).equals(name)) {
                return c.getValue();
            }
        }
        throw failure(parent.getClass().getSimpleName() + " has no child block '" + name + "'");
    }

    /** The name a child was registered under: DJL's child keys carry a two-digit position prefix ({@code 01conv}). */
    static String childName(String key) {
        int i = 0;
        while (i < key.length() && Character.isDigit(key.charAt(i))) {
            i++;
        }
        return key.substring(i);
    }

    /** A convolution with its own weight and optional bias. */
    String conv(String x, Convolution conv) {
        NDArray w = param(conv, "weight");
        NDArray b = conv.isIncludeBias() ? param(conv, "bias") : null;
        return conv(x, w, b, conv.getStride(), conv.getPadding(), conv.getDilation(), conv.getGroups());
    }

    /** A convolution with the following batch norm folded into its weights and bias. */
    String foldedConv(String x, Convolution conv, BatchNorm norm) {
        return foldedConv(x, conv, norm, BatchNormFolding.EPSILON);
    }

    /** {@link #foldedConv(String, Convolution, BatchNorm)} for a batch norm with another epsilon. */
    String foldedConv(String x, Convolution conv, BatchNorm norm, float epsilon) {
        BatchNormFolding.FoldedConv f = BatchNormFolding.fold(conv, norm, epsilon, manager);
        return conv(x, f.weight(), f.bias(), f.stride(), f.padding(), f.dilation(), f.groups());
    }

    private String conv(String x, NDArray weight, NDArray bias, Shape stride, Shape padding, Shape dilation, int groups) {
        List<String> in = new ArrayList<>(List.of(x, graph.floats("w", weight.toFloatArray(), weight.getShape().getShape())));
        if (bias != null) {
            in.add(graph.floats("b", bias.toFloatArray(), bias.getShape().getShape()));
        }
        long[] p = padding.getShape();
        return node("Conv", in,
                Attr.of("strides", stride.getShape()),
                Attr.of("pads", p[0], p[1], p[0], p[1]),
                Attr.of("dilations", dilation.getShape()),
                Attr.of("group", (long) Math.max(groups, 1)));
    }

    /** {@code max(x, 0)}. */
    String relu(String x) {
        return node("Relu", List.of(x));
    }

    /** {@code min(max(x, 0), 6)}. */
    String relu6(String x) {
        return node("Clip", List.of(x, graph.floats("min", new float[] {0f}), graph.floats("max", new float[] {6f})));
    }

    /** {@code x * relu6(x + 3) / 6} (ONNX's HardSwish has PyTorch's slope 1/6 and offset 1/2). */
    String hardSwish(String x) {
        return node("HardSwish", List.of(x));
    }

    /** {@code relu6(x + 3) / 6}: ONNX's HardSigmoid with PyTorch's slope (ONNX defaults to 0.2). */
    String hardSigmoid(String x) {
        return node("HardSigmoid", List.of(x), Attr.of("alpha", 1f / 6f), Attr.of("beta", 0.5f));
    }

    /** Element-wise sum. */
    String add(String a, String b) {
        return node("Add", List.of(a, b));
    }

    /** Concatenation along {@code axis}. */
    String concat(List<String> values, long axis) {
        return node("Concat", values, Attr.of("axis", axis));
    }

    /** Dimensions {@code [from, to)} of {@code x}'s shape, as a 1-D int64 value. */
    String dims(String x, long from, long to) {
        return node("Slice", List.of(node("Shape", List.of(x)), graph.longs("c", from), graph.longs("c", to),
                graph.longs("c", 0)));
    }

    /** {@code x}'s batch and channels with {@code like}'s height and width. */
    private String sizeLike(String x, String like) {
        return concat(List.of(dims(x, 0, 2), dims(like, 2, 4)), 0);
    }

    /**
     * Bilinear resize of {@code x} to {@code like}'s height and width, as seg4j's {@code
     * Spatial.resize} (PyTorch's {@code interpolate(mode="bilinear", align_corners=False)}: half-pixel
     * centres, edge values repeated outside) for enlarging; shrinking needs {@link
     * AxisMatrices#bilinearResizeLike}.
     */
    String resizeLike(String x, String like) {
        return node("Resize", List.of(x, "", "", sizeLike(x, like)), Attr.of("mode", "linear"),
                Attr.of("coordinate_transformation_mode", "half_pixel"));
    }

    /** Bilinear resize of {@code x} by an integer factor, with {@link #resizeLike}'s semantics. */
    String resizeBy(String x, int factor) {
        float f = factor;
        return node("Resize", List.of(x, "", graph.floats("scales", new float[] {1, 1, f, f}, 4)),
                Attr.of("mode", "linear"), Attr.of("coordinate_transformation_mode", "half_pixel"));
    }

    /** The top-left window of {@code x} with {@code like}'s height and width (seg4j's {@code Spatial.crop}). */
    String cropLike(String x, String like) {
        return node("Slice", List.of(x, graph.longs("c", 0, 0), dims(like, 2, 4), graph.longs("c", 2, 3)));
    }

    /** A {@code (N, C, 1, 1)} value repeated over {@code like}'s height and width. */
    String broadcastLike(String x, String like) {
        return node("Expand", List.of(x, sizeLike(x, like)));
    }

    /** The array of {@code block}'s parameter {@code name}. */
    NDArray param(Block block, String name) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw failure(block.getClass().getSimpleName() + " has no parameter " + name);
    }
}
