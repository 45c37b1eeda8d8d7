package org.seg4j.infer.runtime;

import java.nio.file.Path;

/**
 * A service that runs model files of one format (found with {@link java.util.ServiceLoader}; see
 * {@link ModelRuntimes}). Implementations need a public no-argument constructor.
 */
public interface ModelRuntime {

    /** The name a manifest's {@code runtime} field uses, e.g. {@code onnx}. */
    String name();

    /** The usual file extension of this format, with the dot, e.g. {@code .onnx}. */
    String extension();

    /**
     * Opens {@code file} for inference. The model must map {@code N x 3 x H x W} normalised images
     * to {@code N x numClasses x h x w} logits (another {@code h x w} is resized bilinearly).
     *
     * @throws org.seg4j.Seg4jException naming the file when it cannot be read or is not a model
     */
    ExternalForward open(Path file, int numClasses);
}
