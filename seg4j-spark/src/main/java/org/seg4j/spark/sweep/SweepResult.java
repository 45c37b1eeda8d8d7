package org.seg4j.spark.sweep;

import java.io.Serializable;
import java.util.Map;

/**
 * One run of a sweep, as the driver collects it.
 *
 * @param name the run's name (its folder under the sweep's output)
 * @param overrides the settings this run changed from the base configuration
 * @param outputDir the run folder
 * @param bestMetricName {@code val_miou} with validation data, else {@code train_loss}
 * @param bestMetric the best value of that metric; NaN when the run failed
 * @param bestEpoch the epoch that reached it
 * @param epochs epochs completed
 * @param seconds wall time of the run
 * @param error why the run failed, null when it did not
 */
public record SweepResult(String name, Map<String, Object> overrides, String outputDir, String bestMetricName,
        double bestMetric, int bestEpoch, int epochs, double seconds, String error) implements Serializable {}
