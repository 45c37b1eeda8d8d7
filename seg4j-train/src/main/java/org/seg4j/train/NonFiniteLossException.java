package org.seg4j.train;

import org.seg4j.Seg4jException;

/** The training loss became NaN or infinite; the run stopped without writing a checkpoint for it. */
public class NonFiniteLossException extends Seg4jException {

    private static final long serialVersionUID = 1L;

    private final int epoch;
    private final long step;

    public NonFiniteLossException(String message, int epoch, long step) {
        super(message);
        this.epoch = epoch;
        this.step = step;
    }

    /** 1-based epoch in which it happened. */
    public int epoch() {
        return epoch;
    }

    /** Global step (0-based) at which it happened. */
    public long step() {
        return step;
    }
}
