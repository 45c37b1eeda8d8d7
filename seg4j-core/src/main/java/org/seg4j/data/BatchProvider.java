package org.seg4j.data;

import java.util.Iterator;

/**
 * A source of batches, one pass per epoch. Implementations may prepare batches on background
 * threads; what a pass yields must depend only on the seed and the epoch number, so that a resumed
 * training run sees the same batches as an uninterrupted one.
 */
public interface BatchProvider extends AutoCloseable {

    /** The batches of one epoch, in order. */
    Iterator<Batch> epoch(int epoch);

    /** Number of batches {@link #epoch} yields. */
    int batchesPerEpoch();

    /** Number of samples one epoch covers. */
    int samplesPerEpoch();

    @Override
    default void close() {}
}
