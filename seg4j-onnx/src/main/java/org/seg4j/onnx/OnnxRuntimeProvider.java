package org.seg4j.onnx;

import java.nio.file.Path;
import org.seg4j.infer.runtime.ExternalForward;
import org.seg4j.infer.runtime.ModelRuntime;

/** The {@code onnx} model runtime: ONNX files run by ONNX Runtime on the CPU ({@link OnnxForward}). */
public final class OnnxRuntimeProvider implements ModelRuntime {

    /** Runtime name in manifests. */
    public static final String NAME = "onnx";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String extension() {
        return ".onnx";
    }

    @Override
    public ExternalForward open(Path file, int numClasses) {
        return OnnxForward.open(file, numClasses, 0);
    }
}
