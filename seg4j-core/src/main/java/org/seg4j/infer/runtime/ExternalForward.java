package org.seg4j.infer.runtime;

import org.seg4j.infer.ForwardPass;

/** The forward pass of a model file opened by a {@link ModelRuntime}; closing it frees the model. */
public interface ExternalForward extends ForwardPass, AutoCloseable {

    /** Declared inputs and outputs with their shapes, in words (e.g. {@code input [N,3,H,W] -> logits [N,5,H,W]}). */
    String signature();

    /** Frees the model; later passes throw. Idempotent. */
    @Override
    void close();
}
