package org.seg4j.onnx.export;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.function.Function;
import org.seg4j.onnx.export.OnnxGraph.Attr;

/**
 * Exports the parameterless lambda blocks seg4j's layers use (activations and pooling), identified
 * by what they compute on a probe: DJL keeps no description of a lambda, so each candidate
 * operation is run on the same random input and the one whose output matches is written.
 */
final class LambdaProbe {

    /** One candidate: what it computes in DJL and how to write it in ONNX. */
    private record Candidate(String name, Function<NDArray, NDArray> djl, Function<Emit, String> onnx) {}

    private record Emit(OnnxEmitter out, String x) {}

    private static final Shape ZERO = new Shape(0, 0);

    private static final List<Candidate> CANDIDATES = List.of(
            new Candidate("ReLU", Activation::relu, e -> e.out().relu(e.x())),
            new Candidate("ReLU6", Activation::relu6, e -> e.out().relu6(e.x())),
            new Candidate("2x2/2 max pooling", in -> Pool.maxPool2d(in, new Shape(2, 2), new Shape(2, 2), ZERO, false),
                    e -> pool(e, "MaxPool", 2, 2, 0)),
            new Candidate("3x3/2 max pooling, padding 1",
                    in -> Pool.maxPool2d(in, new Shape(3, 3), new Shape(2, 2), new Shape(1, 1), false),
                    e -> pool(e, "MaxPool", 3, 2, 1)),
            new Candidate("2x2/2 average pooling",
                    in -> Pool.avgPool2d(in, new Shape(2, 2), new Shape(2, 2), ZERO, false, true),
                    e -> pool(e, "AveragePool", 2, 2, 0)),
            new Candidate("identity", in -> in, Emit::x));

    private LambdaProbe() {}

    /** The export of every parameterless {@link LambdaBlock}. */
    static List<String> emit(LambdaBlock lambda, List<String> inputs, OnnxEmitter out) {
        if (!lambda.getParameters().isEmpty() || inputs.size() != 1) {
            throw out.failure("a lambda block with parameters or several inputs cannot be identified");
        }
        try (NDManager probe = out.manager().newSubManager()) {
            NDArray in = probe.randomNormal(0, 5, new Shape(1, 2, 7, 7), DataType.FLOAT32);
            NDArray actual = lambda.forward(new ParameterStore(probe, false), new NDList(in), false).head();
            for (Candidate c : CANDIDATES) {
                NDArray expected = c.djl().apply(in);
                if (actual.getShape().equals(expected.getShape()) && actual.allClose(expected, 1e-5, 1e-5, false)) {
                    return List.of(c.onnx().apply(new Emit(out, inputs.get(0))));
                }
            }
        }
        throw out.failure("lambda block '" + lambda.getName() + "' is none of "
                + String.join(", ", CANDIDATES.stream().map(Candidate::name).toList()));
    }

    private static String pool(Emit e, String op, long kernel, long stride, long pad) {
        return e.out().node(op, List.of(e.x()), Attr.of("kernel_shape", kernel, kernel),
                Attr.of("strides", stride, stride), Attr.of("pads", pad, pad, pad, pad));
    }
}
