package org.seg4j.util;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Turns PyTorch's gradient recording off for the current thread (grad mode is per thread in
 * libtorch) until closed, then restores the mode that was in force:
 *
 * <pre>
 * try (GradientsOff off = GradientsOff.begin()) {
 *     ... in-place updates, inference ...
 * }
 * </pre>
 */
public final class GradientsOff implements AutoCloseable {

    private final boolean previous;

    private GradientsOff() {
        previous = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
    }

    /** Turns recording off; {@link #close} restores the previous mode. */
    public static GradientsOff begin() {
        return new GradientsOff();
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
