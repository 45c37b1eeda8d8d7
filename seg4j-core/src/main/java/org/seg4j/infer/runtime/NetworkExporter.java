package org.seg4j.infer.runtime;

import java.nio.file.Path;
import org.seg4j.model.ModelManifest;

/**
 * A service that writes a seg4j network as a model file that a {@link ModelRuntime} runs (found
 * with {@link java.util.ServiceLoader}; the {@code seg4j-onnx} module adds the ONNX one), so that a
 * {@link org.seg4j.infer.Predictor} can run a seg4j model through another engine ({@link
 * org.seg4j.infer.InferenceEngine}). {@link ExportCache} keeps what it writes. Implementations need
 * a public no-argument constructor.
 */
public interface NetworkExporter {

    /** The {@link ModelRuntime#name()} that runs the exported files, e.g. {@code onnx}. */
    String runtime();

    /**
     * Identifies what this exporter writes (e.g. seg4j's version and commit): part of the cache key,
     * so that a changed exporter never reuses a file an older one wrote.
     */
    String version();

    /**
     * The exported model file's bytes for the seg4j network in {@code modelDir}.
     *
     * @throws org.seg4j.Seg4jException naming the model directory when the network cannot be
     *     exported (a temporal model, a block without an export)
     */
    byte[] export(Path modelDir, ModelManifest manifest);
}
