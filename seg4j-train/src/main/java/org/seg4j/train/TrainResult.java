package org.seg4j.train;

import java.nio.file.Path;
import java.util.List;
import org.seg4j.metric.SegmentationMetrics;

/**
 * The outcome of {@link SegmentationTrainer#fit()}.
 *
 * @param outputDir the run folder
 * @param epochsCompleted fully completed epochs
 * @param globalStep optimizer steps taken in total (the {@code steps_taken} of {@link RunSummary})
 * @param bestMetricName {@code val_miou} or {@code train_loss}
 * @param bestMetric the best value of that metric, {@code NaN} if none
 * @param bestEpoch the epoch that reached it, 0 if none
 * @param stoppedByTimeBudget whether the time budget ended the run
 * @param lastValidation metrics of the last validation, {@code null} when none ran
 * @param bestValidation metrics of the best model's validation, {@code null} when none ran
 * @param history per-epoch numbers
 * @param cancelled whether a {@link TrainingListener} cancelled the run (it stopped after a step, with
 *     {@code checkpoints/last} written; {@code --resume} continues it)
 */
public record TrainResult(
        Path outputDir,
        int epochsCompleted,
        long globalStep,
        String bestMetricName,
        double bestMetric,
        int bestEpoch,
        boolean stoppedByTimeBudget,
        SegmentationMetrics lastValidation,
        SegmentationMetrics bestValidation,
        List<EpochStats> history,
        boolean cancelled) {}
