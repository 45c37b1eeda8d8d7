package org.seg4j.infer;

import java.util.Arrays;
import java.util.Locale;
import org.seg4j.Seg4jException;

/**
 * What runs a seg4j network's forward passes in a {@link Predictor} loaded from a model directory.
 * Both engines feed the same inference strategies (tiling, flip, scales, CRF) and output writers;
 * only the forward pass differs.
 */
public enum InferenceEngine {

    /** DJL's PyTorch engine runs the network itself, with batch norm folded (CPU or GPU). */
    DJL("djl", null),

    /**
     * ONNX Runtime (CPU) runs the network's ONNX export, made once by the exporter that the {@code
     * seg4j-onnx} module adds and cached next to the weights ({@link
     * org.seg4j.infer.runtime.ExportCache}).
     */
    ONNXRUNTIME("onnxruntime", "onnx");

    private final String id;
    private final String runtime;

    InferenceEngine(String id, String runtime) {
        this.id = id;
        this.runtime = runtime;
    }

    /** The name on the command line, e.g. {@code onnxruntime}. */
    public String id() {
        return id;
    }

    /**
     * The {@link org.seg4j.infer.runtime.ModelRuntime} that runs the network's export, or {@code
     * null} when the engine runs the network itself.
     */
    public String runtime() {
        return runtime;
    }

    /**
     * The engine called {@code name} (case-insensitive).
     *
     * @throws Seg4jException listing the engines
     */
    public static InferenceEngine parse(String name) {
        for (InferenceEngine e : values()) {
            if (e.id.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return e;
            }
        }
        throw new Seg4jException("unknown inference engine '" + name + "'; engines: "
                + String.join(", ", Arrays.stream(values()).map(InferenceEngine::id).toList()));
    }

    @Override
    public String toString() {
        return id.toLowerCase(Locale.ROOT);
    }
}
