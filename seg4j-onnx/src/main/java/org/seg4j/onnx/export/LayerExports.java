package org.seg4j.onnx.export;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.model.decoder.fastscnn.InvertedResidual;
import org.seg4j.model.decoder.parsenet.L2Norm;
import org.seg4j.model.layer.ConvBn;
import org.seg4j.model.layer.ConvIbn;
import org.seg4j.model.layer.InstanceBatchNorm;
import org.seg4j.model.layer.PyramidPooling;
import org.seg4j.model.layer.Residual;
import org.seg4j.model.layer.SqueezeExcitation;
import org.seg4j.model.layer.SubPixelUpsample;
import org.seg4j.onnx.export.OnnxGraph.Attr;

/** Exports of the layers architectures are built from: convolutions, sequences, residual units, pooling modules. */
final class LayerExports {

    private LayerExports() {}

    static void registerInto(BlockExports r) {
        r.register(Conv2d.class, (b, in, out) -> List.of(out.conv(in.get(0), b)));
        r.register(BatchNorm.class, LayerExports::batchNorm);
        r.register(ConvBn.class, LayerExports::convBn);
        r.register(ConvIbn.class, (b, in, out) -> List.of(out.relu(out.emit(b.norm(), out.conv(in.get(0), b.conv())))));
        r.register(InstanceBatchNorm.class, LayerExports::instanceBatchNorm);
        r.register(SequentialBlock.class, LayerExports::sequence);
        r.register(Residual.class, LayerExports::residual);
        r.register(InvertedResidual.class, (b, in, out) -> {
            String y = out.emit(b.body(), in.get(0));
            return List.of(b.hasResidual() ? out.add(y, in.get(0)) : y);
        });
        // seg4j's sub-pixel shuffle is ONNX's depth-to-space in column-row-depth order.
        r.register(SubPixelUpsample.class, (b, in, out) -> List.of(out.node("DepthToSpace",
                List.of(out.emit(out.child(b, "conv"), in.get(0))), Attr.of("blocksize", (long) b.factor()),
                Attr.of("mode", "CRD"))));
        r.register(Dropout.class, (b, in, out) -> in);
        r.register(LambdaBlock.class, LambdaProbe::emit);
        r.register(PyramidPooling.class, LayerExports::pyramidPooling);
        r.register(L2Norm.class, LayerExports::l2Norm);
        r.register(SqueezeExcitation.class, LayerExports::squeezeExcitation);
    }

    private static List<String> batchNorm(BatchNorm norm, List<String> in, OnnxEmitter out) {
        List<String> inputs = new ArrayList<>(List.of(in.get(0)));
        for (String name : List.of("gamma", "beta", "runningMean", "runningVar")) {
            NDArray p = out.param(norm, name);
            inputs.add(out.graph().floats("bn", p.toFloatArray(), p.getShape().getShape()));
        }
        return List.of(out.node("BatchNormalization", inputs, Attr.of("epsilon", 1e-5f)));
    }

    private static List<String> convBn(ConvBn unit, List<String> in, OnnxEmitter out) {
        String x = out.foldedConv(in.get(0), unit.conv(), unit.norm(), unit.epsilon());
        return List.of(switch (unit.nonlinearity()) {
            case NONE -> x;
            case RELU -> out.relu(x);
            case RELU6 -> out.relu6(x);
            case HARD_SWISH -> out.hardSwish(x);
        });
    }

    /** The leading channels through InstanceNormalization, the others through BatchNormalization, concatenated. */
    private static List<String> instanceBatchNorm(InstanceBatchNorm norm, List<String> in, OnnxEmitter out) {
        String x = in.get(0);
        long split = norm.instanceChannels();
        String axis = out.graph().longs("axis", 1);
        String head = out.node("Slice", List.of(x, out.graph().longs("c", 0), out.graph().longs("c", split), axis));
        String tail = out.node("Slice", List.of(x, out.graph().longs("c", split), out.graph().longs("c", Long.MAX_VALUE), axis));
        String scale = out.graph().floats("in_scale", out.param(norm, "in_gamma").toFloatArray(), split);
        String shift = out.graph().floats("in_shift", out.param(norm, "in_beta").toFloatArray(), split);
        String instance = out.node("InstanceNormalization", List.of(head, scale, shift), Attr.of("epsilon", norm.epsilon()));
        return List.of(out.concat(List.of(instance, out.emit(norm.batchNorm(), tail)), 1));
    }

    /** Children in order; a convolution directly followed by batch norm is written as one folded convolution. */
    private static List<String> sequence(SequentialBlock sequence, List<String> in, OnnxEmitter out) {
        List<Block> children = new ArrayList<>();
        sequence.getChildren().forEach(p -> children.add(p.getValue()));
        List<String> x = in;
        for (int i = 0; i < children.size(); i++) {
            Block child = children.get(i);
            if (child instanceof Conv2d conv && i + 1 < children.size() && children.get(i + 1) instanceof BatchNorm bn) {
                x = List.of(out.foldedConv(x.get(0), conv, bn));
                i++;
            } else {
                x = out.emit(child, x);
            }
        }
        return x;
    }

    private static List<String> residual(Residual unit, List<String> in, OnnxEmitter out) {
        String y = out.emit(unit.main(), in.get(0));
        String skip = unit.shortcut() == null ? in.get(0) : out.emit(unit.shortcut(), in.get(0));
        String sum = out.add(y, skip);
        return List.of(unit.hasRelu() ? out.relu(sum) : sum);
    }

    /** The input scaled per channel by the gate of {@code fc2(relu(fc1(global average)))}. */
    private static List<String> squeezeExcitation(SqueezeExcitation se, List<String> in, OnnxEmitter out) {
        String x = in.get(0);
        String hidden = out.relu(out.emit(se.fc1(), out.node("GlobalAveragePool", List.of(x))));
        String excited = out.emit(se.fc2(), hidden);
        String scale = se.gate() == SqueezeExcitation.Gate.HARD_SIGMOID ? out.hardSigmoid(excited)
                : out.node("Sigmoid", List.of(excited));
        return List.of(out.node("Mul", List.of(scale, x)));
    }

    /** {@code x / sqrt(sum_c x^2 + eps) * scale}, per position across channels. */
    private static List<String> l2Norm(L2Norm norm, List<String> in, OnnxEmitter out) {
        String x = in.get(0);
        String squares = out.node("ReduceSumSquare", List.of(x), Attr.of("axes", new long[] {1}), Attr.of("keepdims", 1L));
        String length = out.node("Sqrt", List.of(out.add(squares, out.graph().floats("eps", new float[] {L2Norm.EPSILON}))));
        float[] scale = out.param(norm, "scale").toFloatArray();
        String gamma = out.graph().floats("scale", scale, 1, scale.length, 1, 1);
        return List.of(out.node("Mul", List.of(out.node("Div", List.of(x, length)), gamma)));
    }

    /** The input and, per bin, the adaptively pooled map through its branch, resized back; concatenated. */
    private static List<String> pyramidPooling(PyramidPooling ppm, List<String> in, OnnxEmitter out) {
        String x = in.get(0);
        List<String> parts = new ArrayList<>(List.of(x));
        int[] bins = ppm.bins();
        for (int i = 0; i < bins.length; i++) {
            String pooled = AxisMatrices.adaptiveAvgPool(out, x, bins[i]);
            // a bin may be larger than the map, so the resize back may shrink: plain bilinear, as seg4j's
            parts.add(AxisMatrices.bilinearResizeLike(out, out.emit(ppm.branch(i), pooled), x));
        }
        return List.of(out.concat(parts, 1));
    }
}
