package org.seg4j.onnx.export;

import java.util.ArrayList;
import java.util.List;

/**
 * An ONNX graph under construction: nodes, initializers (weights and constants) and one float
 * input and output with named dynamic dimensions. {@link #toModel} serialises it as an ONNX {@code
 * ModelProto} (IR version 8, opset {@value #OPSET}).
 */
final class OnnxGraph {

    /** The ONNX operator set the nodes follow. */
    static final int OPSET = 17;

    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_STRING = 3;
    private static final int ATTR_INTS = 7;

    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private int counter;

    /** A fresh value name with the given prefix. */
    String fresh(String prefix) {
        return prefix + "_" + counter++;
    }

    /** A float initializer of {@code dims}; returns its name. */
    String floats(String prefix, float[] values, long... dims) {
        String name = fresh(prefix);
        initializers.add(new ProtoWriter().packed(1, dims).varint(2, FLOAT).string(8, name)
                .bytes(9, ProtoWriter.littleEndian(values)));
        return name;
    }

    /** A one-dimensional int64 constant; returns its name. */
    String longs(String prefix, long... values) {
        String name = fresh(prefix);
        initializers.add(new ProtoWriter().packed(1, new long[] {values.length}).varint(2, INT64).string(8, name)
                .bytes(9, ProtoWriter.littleEndian(values)));
        return name;
    }

    /** A 0-dimensional int64 constant; returns its name. */
    String scalar(String prefix, long value) {
        String name = fresh(prefix);
        initializers.add(new ProtoWriter().varint(2, INT64).string(8, name)
                .bytes(9, ProtoWriter.littleEndian(new long[] {value})));
        return name;
    }

    /** A node; returns the name of its (single) output. */
    String node(String op, List<String> inputs, Attr... attributes) {
        String output = fresh(op.toLowerCase(java.util.Locale.ROOT));
        nodeTo(output, op, inputs, attributes);
        return output;
    }

    /** A node with {@code outputs} outputs (e.g. MaxPool with indices); returns their names. */
    List<String> nodeWithOutputs(String op, int outputs, List<String> inputs, Attr... attributes) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < outputs; i++) {
            names.add(fresh(op.toLowerCase(java.util.Locale.ROOT)));
        }
        write(names, op, inputs, attributes);
        return names;
    }

    /** A node writing to the given output name. */
    void nodeTo(String output, String op, List<String> inputs, Attr... attributes) {
        write(List.of(output), op, inputs, attributes);
    }

    private void write(List<String> outputs, String op, List<String> inputs, Attr... attributes) {
        ProtoWriter n = new ProtoWriter();
        for (String in : inputs) {
            n.string(1, in);
        }
        for (String out : outputs) {
            n.string(2, out);
        }
        n.string(3, outputs.get(0)).string(4, op);
        for (Attr a : attributes) {
            n.message(5, a.proto());
        }
        nodes.add(n);
    }

    /** The model with one input {@code input} and one output {@code output}, both {@code [N, channels, H, W]}. */
    byte[] toModel(String input, int inChannels, String output, int outChannels, String docString) {
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(n -> graph.message(1, n));
        graph.string(2, "seg4j");
        initializers.forEach(i -> graph.message(5, i));
        graph.message(11, valueInfo(input, inChannels));
        graph.message(12, valueInfo(output, outChannels));
        return new ProtoWriter()
                .varint(1, 8)
                .string(2, "seg4j")
                .string(6, docString)
                .message(7, graph)
                .message(8, new ProtoWriter().string(1, "").varint(2, OPSET))
                .toByteArray();
    }

    private static ProtoWriter valueInfo(String name, int channels) {
        ProtoWriter shape = new ProtoWriter()
                .message(1, new ProtoWriter().string(2, "N"))
                .message(1, new ProtoWriter().varint(1, channels))
                .message(1, new ProtoWriter().string(2, "H"))
                .message(1, new ProtoWriter().string(2, "W"));
        ProtoWriter tensor = new ProtoWriter().varint(1, FLOAT).message(2, shape);
        return new ProtoWriter().string(1, name).message(2, new ProtoWriter().message(1, tensor));
    }

    /** A node attribute. */
    record Attr(String name, int type, long i, float f, String s, long[] ints) {

        static Attr of(String name, long value) {
            return new Attr(name, ATTR_INT, value, 0, null, null);
        }

        static Attr of(String name, float value) {
            return new Attr(name, ATTR_FLOAT, 0, value, null, null);
        }

        static Attr of(String name, String value) {
            return new Attr(name, ATTR_STRING, 0, 0, value, null);
        }

        static Attr of(String name, long... values) {
            return new Attr(name, ATTR_INTS, 0, 0, null, values);
        }

        ProtoWriter proto() {
            ProtoWriter p = new ProtoWriter().string(1, name);
            switch (type) {
                case ATTR_INT -> p.varint(3, i);
                case ATTR_FLOAT -> p.fixed32(2, f);
                case ATTR_STRING -> p.string(4, s);
                default -> {
                    for (long v : ints) {
                        p.varint(8, v);
                    }
                }
            }
            return p.varint(20, type);
        }
    }
}
