package org.seg4j.train;

import java.util.List;
import org.seg4j.metric.SegmentationMetrics;

/** Callbacks of a training run (the CLI hooks plots to them). All methods run on the training thread. */
public interface TrainingListener {

    /** What the run does after a step. */
    enum Decision {
        /** Go on. */
        CONTINUE,
        /**
         * End the run after this step: the epoch is closed as a partial one (not validated), {@code
         * checkpoints/last} is written, and {@link TrainResult#cancelled()} is true. {@code --resume}
         * continues from there.
         */
        CANCEL
    }

    /**
     * After every optimizer step. To cancel from another thread, set a flag there and return
     * {@link Decision#CANCEL} here when it is set.
     *
     * @param step the step's numbers
     * @return {@link Decision#CANCEL} to end the run cleanly after this step
     */
    default Decision onStep(StepStats step) {
        return Decision.CONTINUE;
    }

    /**
     * After each epoch, once its checkpoints and history are written.
     *
     * @param stats the epoch's numbers
     * @param validation the validation metrics, or {@code null} when the epoch was not validated
     * @param history every epoch so far, this one included
     */
    default void onEpochEnd(EpochStats stats, SegmentationMetrics validation, List<EpochStats> history) {}

    /** Once, when the run ends without an error: all epochs or steps done, time budget reached, or cancelled. */
    default void onTrainingEnd(TrainResult result) {}
}
