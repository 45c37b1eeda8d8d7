package org.seg4j.train.cv;

import java.nio.file.Path;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.metric.SegmentationMetrics;

/**
 * One fold's outcome: its training and its model's score on the held-out groups.
 *
 * @param state the fold's {@code fold.json}
 * @param runDir the fold's run folder (the model directory)
 * @param matrix pixel counts of the held-out evaluation at full resolution
 * @param evaluatedImages images scored
 * @param trainedNow whether this call trained the fold (false: a finished model was reused)
 */
public record FoldResult(FoldState state, Path runDir, ConfusionMatrix matrix, int evaluatedImages,
        boolean trainedNow) {

    /** The metrics derived from {@link #matrix()}. */
    public SegmentationMetrics metrics() {
        return matrix.metrics();
    }
}
