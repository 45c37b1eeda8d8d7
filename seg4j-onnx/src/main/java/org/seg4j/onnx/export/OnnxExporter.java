package org.seg4j.onnx.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.SegmentationHead;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.unet.UNetDecoder;
import org.seg4j.model.encoder.StageEncoder;
import org.seg4j.model.layer.BatchNormFolding;
import org.seg4j.model.layer.ConvBn;
import org.seg4j.model.layer.Spatial.PadMode;
import org.seg4j.util.GradientsOff;

/**
 * Writes a seg4j {@link SegmentationModel} as an ONNX model: input {@code input [N, 3, H, W]}
 * (normalised like the manifest says), output {@code logits [N, classes, H, W]}, with dynamic
 * batch, height and width. Batch norm after a convolution is folded into it; the input is padded
 * to a multiple of the encoder's output stride and the logits are cropped back, as in seg4j.
 *
 * <p>Covered blocks: stage encoders (the {@code unet} encoder), the U-Net decoder, segmentation
 * heads, sequences, convolutions (stride, dilation, groups), conv + batch norm units, standalone
 * batch norm, and parameterless lambda blocks recognised by probing them (ReLU, ReLU6, 2x2 max or
 * average pooling, identity). Any other block is reported by name. seg4j pads with zeros where
 * reflection is impossible (a pad not smaller than the image); ONNX Runtime rejects such tiny
 * inputs instead.
 */
public final class OnnxExporter {

    private final OnnxGraph graph = new OnnxGraph();
    private final NDManager manager;

    private OnnxExporter(NDManager manager) {
        this.manager = manager;
    }

    /** The ONNX bytes of an initialised {@code model}; {@code manager} holds scratch arrays while exporting. */
    public static byte[] export(SegmentationModel model, NDManager manager) {
        try (NDManager scratch = manager.newSubManager(); GradientsOff off = GradientsOff.begin()) {
            return new OnnxExporter(scratch).model(model);
        }
    }

    private byte[] model(SegmentationModel model) {
        Encoder encoder = model.encoder();
        String input = "input";
        String shape = graph.node("Shape", List.of(input));
        String hw = graph.node("Slice", List.of(shape, graph.longs("c", 2), graph.longs("c", 4), graph.longs("c", 0)));
        String stride = graph.longs("stride", encoder.outputStride());
        String extra = graph.node("Mod", List.of(graph.node("Sub", List.of(stride, graph.node("Mod", List.of(hw, stride)))),
                stride));
        String pads = graph.node("Concat", List.of(graph.longs("c", 0, 0, 0, 0, 0, 0), extra), OnnxGraph.Attr.of("axis", 0L));
        String mode = model.padMode() == PadMode.REFLECT ? "reflect" : "constant";
        String padded = graph.node("Pad", List.of(input, pads), OnnxGraph.Attr.of("mode", mode));

        List<String> features = encoder(encoder, padded);
        List<String> selected = new ArrayList<>();
        for (int i : model.featureIndices()) {
            selected.add(features.get(i));
        }
        String decoded = decoder(model.decoder(), selected);
        String scores = head(model.head(), decoded);
        graph.nodeTo("logits", "Slice", List.of(scores, graph.longs("c", 0, 0), hw, graph.longs("c", 2, 3)));
        return graph.toModel(input, 3, "logits", model.numClasses(), "exported by seg4j from " + model);
    }

    private List<String> encoder(Encoder encoder, String x) {
        if (!(encoder instanceof StageEncoder stages)) {
            throw unsupported(encoder);
        }
        List<String> features = new ArrayList<>();
        for (Pair<String, Block> stage : stages.getChildren()) {
            x = block(stage.getValue(), x);
            features.add(x);
        }
        return features;
    }

    private String decoder(Decoder decoder, List<String> features) {
        if (!(decoder instanceof UNetDecoder unet)) {
            throw unsupported(decoder);
        }
        // children are registered deepest first: up{n-1} ... up0
        List<Block> blocks = new ArrayList<>();
        unet.getChildren().forEach(p -> blocks.add(0, p.getValue()));
        String x = features.get(features.size() - 1);
        for (int i = blocks.size() - 1; i >= 0; i--) {
            String skip = features.get(i);
            String sizes = graph.node("Concat", List.of(slice(x, 0, 2), slice(skip, 2, 4)), OnnxGraph.Attr.of("axis", 0L));
            String up = resize(x, "", sizes);
            x = block(blocks.get(i), graph.node("Concat", List.of(up, skip), OnnxGraph.Attr.of("axis", 1L)));
        }
        return x;
    }

    private String head(SegmentationHead head, String x) {
        for (Pair<String, Block> child : head.getChildren()) {
            x = block(child.getValue(), x);
        }
        if (head.upsampling() > 1) {
            float u = head.upsampling();
            x = resize(x, graph.floats("scales", new float[] {1, 1, u, u}, 4), "");
        }
        return x;
    }

    /** Bilinear resize like PyTorch's with {@code align_corners=false}. */
    private String resize(String x, String scales, String sizes) {
        List<String> inputs = sizes.isEmpty() ? List.of(x, "", scales) : List.of(x, "", "", sizes);
        return graph.node("Resize", inputs, OnnxGraph.Attr.of("mode", "linear"),
                OnnxGraph.Attr.of("coordinate_transformation_mode", "pytorch_half_pixel"));
    }

    /** Dimensions {@code [from, to)} of {@code x}'s shape. */
    private String slice(String x, long from, long to) {
        return graph.node("Slice", List.of(graph.node("Shape", List.of(x)), graph.longs("c", from), graph.longs("c", to),
                graph.longs("c", 0)));
    }

    private String block(Block block, String x) {
        if (block instanceof ConvBn unit) {
            x = foldedConv(unit.conv(), unit.norm(), x);
            return switch (unit.nonlinearity()) {
                case NONE -> x;
                case RELU -> graph.node("Relu", List.of(x));
                case RELU6 -> clip(x, 6f);
            };
        }
        if (block instanceof SequentialBlock sequence) {
            List<Block> children = new ArrayList<>();
            sequence.getChildren().forEach(p -> children.add(p.getValue()));
            for (int i = 0; i < children.size(); i++) {
                Block child = children.get(i);
                if (child instanceof Conv2d conv && i + 1 < children.size() && children.get(i + 1) instanceof BatchNorm bn) {
                    x = foldedConv(conv, bn, x);
                    i++;
                } else {
                    x = block(child, x);
                }
            }
            return x;
        }
        if (block instanceof Conv2d conv) {
            NDArray w = param(conv, "weight");
            NDArray b = conv.isIncludeBias() ? param(conv, "bias") : null;
            return conv(x, w, b, conv.getStride(), conv.getPadding(), conv.getDilation(), conv.getGroups());
        }
        if (block instanceof BatchNorm norm) {
            List<String> in = new ArrayList<>(List.of(x));
            for (String name : List.of("gamma", "beta", "runningMean", "runningVar")) {
                NDArray p = param(norm, name);
                in.add(graph.floats("bn", p.toFloatArray(), p.getShape().getShape()));
            }
            return graph.node("BatchNormalization", in, OnnxGraph.Attr.of("epsilon", 1e-5f));
        }
        if (block instanceof LambdaBlock lambda && lambda.getParameters().isEmpty()) {
            return lambda(lambda, x);
        }
        throw unsupported(block);
    }

    private String foldedConv(Conv2d conv, BatchNorm norm, String x) {
        BatchNormFolding.FoldedConv f = BatchNormFolding.fold(conv, norm, manager);
        return conv(x, f.weight(), f.bias(), f.stride(), f.padding(), f.dilation(), f.groups());
    }

    private String conv(String x, NDArray weight, NDArray bias, Shape stride, Shape padding, Shape dilation, int groups) {
        List<String> in = new ArrayList<>(List.of(x, graph.floats("w", weight.toFloatArray(), weight.getShape().getShape())));
        if (bias != null) {
            in.add(graph.floats("b", bias.toFloatArray(), bias.getShape().getShape()));
        }
        long[] p = padding.getShape();
        return graph.node("Conv", in,
                OnnxGraph.Attr.of("strides", stride.getShape()),
                OnnxGraph.Attr.of("pads", p[0], p[1], p[0], p[1]),
                OnnxGraph.Attr.of("dilations", dilation.getShape()),
                OnnxGraph.Attr.of("group", (long) Math.max(groups, 1)));
    }

    private String clip(String x, float max) {
        return graph.node("Clip", List.of(x, graph.floats("min", new float[] {0f}), graph.floats("max", new float[] {max})));
    }

    /**
     * A parameterless lambda identified by what it computes on a probe: DJL keeps no description of
     * a lambda, so the exporter compares its output with each candidate operation.
     */
    private String lambda(LambdaBlock lambda, String x) {
        try (NDManager probe = manager.newSubManager()) {
            NDArray in = probe.randomNormal(0, 5, new Shape(1, 2, 6, 6), ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray out = lambda.forward(new ParameterStore(probe, false), new NDList(in), false).head();
            if (matches(out, Activation.relu(in))) {
                return graph.node("Relu", List.of(x));
            }
            if (matches(out, Activation.relu6(in))) {
                return clip(x, 6f);
            }
            Shape two = new Shape(2, 2);
            Shape zero = new Shape(0, 0);
            if (matches(out, Pool.maxPool2d(in, two, two, zero, false))) {
                return graph.node("MaxPool", List.of(x), OnnxGraph.Attr.of("kernel_shape", 2L, 2L),
                        OnnxGraph.Attr.of("strides", 2L, 2L));
            }
            if (matches(out, Pool.avgPool2d(in, two, two, zero, false, true))) {
                return graph.node("AveragePool", List.of(x), OnnxGraph.Attr.of("kernel_shape", 2L, 2L),
                        OnnxGraph.Attr.of("strides", 2L, 2L));
            }
            if (matches(out, in)) {
                return x;
            }
        }
        throw new Seg4jException("ONNX export: lambda block '" + lambda.getName()
                + "' is none of ReLU, ReLU6, 2x2 max/average pooling or identity");
    }

    private static boolean matches(NDArray a, NDArray b) {
        return a.getShape().equals(b.getShape()) && a.allClose(b, 1e-5, 1e-5, false);
    }

    private static NDArray param(Block block, String name) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().equals(name)) {
                return p.getValue().getArray();
            }
        }
        throw new Seg4jException("ONNX export: block " + block.getClass().getSimpleName() + " has no parameter " + name);
    }

    private static Seg4jException unsupported(Object block) {
        return new Seg4jException("ONNX export does not support " + block.getClass().getSimpleName()
                + " yet (supported: the unet architecture with its unet encoder)");
    }
}
