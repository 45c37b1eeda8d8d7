package org.seg4j.infer;

import ai.djl.nn.Block;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import org.seg4j.model.layer.BatchNormFolding;

/**
 * The batch-norm folding lifecycle of one network ({@link BatchNormFolding}), shared by every
 * predictor over it: the first {@link #acquire} folds the network, each holder keeps it folded,
 * and the last {@link #close} unfolds it. A network that was already folded when the first holder
 * came (by someone else) is never unfolded here.
 *
 * <p>Safe by construction: folding and unfolding swap the arrays a forward pass reads, so they
 * must never happen during one. Every seg4j forward pass over the network comes from an open
 * holder (a predictor checks that it is open under its forward lock and closes its pass before it
 * releases the fold), and the network is folded only when no holder exists and unfolded only when
 * the last one is gone; so no pass of a holder can overlap a fold or an unfold. Acquire and release
 * are serialised by one lock.
 *
 * <p>Do not train a network while a fold over it is held: the folded weights are a snapshot.
 */
public final class SharedBatchNormFold implements AutoCloseable {

    /** Holders per network, by identity. */
    private static final Map<Block, Entry> FOLDS = new IdentityHashMap<>();

    private static final class Entry {
        int holders;
        boolean foldedHere;
    }

    private final Block block;
    private boolean closed;

    private SharedBatchNormFold(Block block) {
        this.block = block;
    }

    /** Holds {@code block} folded until {@link #close}, folding it if this is the first holder. */
    public static SharedBatchNormFold acquire(Block block) {
        Objects.requireNonNull(block, "block");
        synchronized (FOLDS) {
            Entry e = FOLDS.get(block);
            if (e == null) {
                e = new Entry();
                e.foldedHere = !BatchNormFolding.isFolded(block) && BatchNormFolding.fold(block) > 0;
                FOLDS.put(block, e);
            }
            e.holders++;
            return new SharedBatchNormFold(block);
        }
    }

    /** Number of open holders of {@code block}'s fold (0 when none). */
    public static int holders(Block block) {
        synchronized (FOLDS) {
            Entry e = FOLDS.get(block);
            return e == null ? 0 : e.holders;
        }
    }

    /** Releases this hold; the last holder unfolds the network if the first one folded it. Idempotent. */
    @Override
    public void close() {
        synchronized (FOLDS) {
            if (closed) {
                return;
            }
            closed = true;
            Entry e = FOLDS.get(block);
            if (--e.holders == 0) {
                FOLDS.remove(block);
                if (e.foldedHere) {
                    BatchNormFolding.unfold(block);
                }
            }
        }
    }
}
