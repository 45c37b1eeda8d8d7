package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Frees intermediate arrays during inference forward passes. DJL keeps every array until its
 * manager closes, so without this a forward pass holds all of its activations at once (PyTorch
 * frees each one when its last use ends); at 512x512 and batch 8 that is several gigabytes.
 * Training passes must keep them for the backward pass, so callers release only when not
 * training.
 *
 * <p>The system property {@code seg4j.inference.release=false} turns releasing off, to measure what
 * it is worth ({@code docs/performance.md}).
 */
public final class Release {

    private static volatile boolean enabled = !"false".equals(System.getProperty("seg4j.inference.release"));

    private Release() {}

    /** Turns releasing on or off for the whole process (for benchmarks that measure its effect). */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /**
     * Closes {@code array} unless it is {@code null} or one of {@code keep} (by identity): blocks
     * that may return their input unchanged must not free it.
     */
    public static void close(NDArray array, NDArray... keep) {
        if (array == null || !enabled) {
            return;
        }
        for (NDArray k : keep) {
            if (k == array) {
                return;
            }
        }
        array.close();
    }

    /** Closes every array of {@code list} that is not (by identity) in {@code keep}. */
    public static void closeExcept(NDList list, NDList keep) {
        if (!enabled) {
            return;
        }
        for (NDArray a : list) {
            boolean kept = false;
            for (NDArray k : keep) {
                if (k == a) {
                    kept = true;
                    break;
                }
            }
            if (!kept) {
                a.close();
            }
        }
    }
}
