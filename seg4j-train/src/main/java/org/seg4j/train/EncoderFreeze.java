package org.seg4j.train;

import ai.djl.nn.Block;
import org.seg4j.Seg4jException;
import org.seg4j.model.SegmentationModel;

/**
 * {@code freeze_encoder: N}: the encoder's parameters get no gradient, hence no update and no weight
 * decay, during the first {@code N} epochs, then train with the rest. The state is set at the start
 * of every epoch from the epoch number alone, so a run resumed inside the frozen phase stays frozen.
 * The optimizer counts each parameter's own updates, so the encoder's first update after unfreezing
 * is a first Adam step, not one bias-corrected for all the steps it sat out.
 */
final class EncoderFreeze {

    private final SegmentationModel model;
    private final int epochs;
    private final TrainingLog log;
    private Boolean frozen;

    private EncoderFreeze(SegmentationModel model, int epochs, TrainingLog log) {
        this.model = model;
        this.epochs = epochs;
        this.log = log;
    }

    /**
     * The freeze of {@code config}, or {@code null} when {@code freeze_encoder} is 0.
     *
     * @throws Seg4jException when the block has no separable encoder
     */
    static EncoderFreeze of(Block block, TrainConfig config, TrainingLog log) {
        if (config.freezeEncoder() == 0) {
            return null;
        }
        if (!(block instanceof SegmentationModel model)) {
            String name = config.model() != null ? config.model() : block.getClass().getSimpleName();
            throw new Seg4jException("freeze_encoder: model '" + name + "' has no separable encoder (it is not an"
                    + " encoder-decoder SegmentationModel); remove freeze_encoder / --freeze-encoder");
        }
        return new EncoderFreeze(model, config.freezeEncoder(), log);
    }

    /** Freezes or unfreezes the encoder for {@code epoch} (1-based), logging each change. */
    void beforeEpoch(int epoch) {
        boolean freeze = epoch <= epochs;
        if (frozen != null && frozen == freeze) {
            return;
        }
        model.freezeEncoder(freeze);
        if (freeze) {
            log.encoderFrozen(epoch, epochs);
        } else if (frozen != null || epoch > 1) {
            log.encoderUnfrozen(epoch);
        }
        frozen = freeze;
    }

    /** Unfreezes the encoder when the run ends, so the caller gets the block back as it gave it. */
    void release() {
        if (Boolean.TRUE.equals(frozen)) {
            model.freezeEncoder(false);
        }
        frozen = null;
    }
}
