package org.seg4j.train;

import ai.djl.nn.Block;
import org.seg4j.Seg4jException;
import org.seg4j.model.SegmentationModel;

/**
 * {@code temporal_train: memory}: only the temporal memory of a video model trains, for the whole
 * run; the rest keeps the fine-tuning start's weights and batch-norm statistics
 * ({@link SegmentationModel#trainMemoryOnly}).
 */
final class MemoryOnlyTraining {

    private final SegmentationModel model;
    private final TrainingLog log;

    private MemoryOnlyTraining(SegmentationModel model, TrainingLog log) {
        this.model = model;
        this.log = log;
    }

    /**
     * Memory-only training of {@code block} when {@code config} asks for it, else {@code null}.
     *
     * @throws Seg4jException when the block has no temporal memory
     */
    static MemoryOnlyTraining of(Block block, TrainConfig config, TrainingLog log) {
        if (!"memory".equals(config.temporalTrain())) {
            return null;
        }
        if (!(block instanceof SegmentationModel model) || !model.isTemporal()) {
            throw new Seg4jException("temporal_train memory: the model has no temporal memory (task video with an "
                    + "encoder-decoder architecture builds one)");
        }
        return new MemoryOnlyTraining(model, log);
    }

    /** Freezes everything but the memory (call once the block's parameters are initialised). */
    void apply() {
        model.trainMemoryOnly(true);
        log.memoryOnly();
    }

    /** Gives the block back with every parameter trainable again. */
    void release() {
        model.trainMemoryOnly(false);
    }
}
