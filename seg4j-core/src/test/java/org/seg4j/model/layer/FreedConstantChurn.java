package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * What happens between a training step's forward and backward passes, condensed: many short-lived
 * constants (as DJL's {@code mul(Number)} creates and frees them) and garbage collections, so that
 * memory freed after the forward pass gets reused. A gradient that still reads such memory comes
 * out wrong (see {@link Scalars}).
 */
public final class FreedConstantChurn {

    private FreedConstantChurn() {}

    /** Creates and closes 2,000 scalar constants in {@code manager}, with ten GCs in between. */
    public static void run(NDManager manager) {
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 200; i++) {
                try (NDArray tmp = manager.create(1e30f)) {
                    tmp.getFloat();
                }
            }
            System.gc();
        }
    }
}
