package org.seg4j.train;

import java.util.List;
import org.seg4j.metric.SegmentationMetrics;

/** Callbacks of a training run (the CLI hooks plots to them). All methods run on the training thread. */
public interface TrainingListener {

    /**
     * After each epoch, once its checkpoints and history are written.
     *
     * @param stats the epoch's numbers
     * @param validation the validation metrics, or {@code null} when the epoch was not validated
     * @param history every epoch so far, this one included
     */
    default void onEpochEnd(EpochStats stats, SegmentationMetrics validation, List<EpochStats> history) {}

    /** Once, when the run ends normally (all epochs done or time budget reached). */
    default void onTrainingEnd(TrainResult result) {}
}
