/**
 * Training: {@link org.seg4j.train.SegmentationTrainer} runs epochs over a
 * {@link org.seg4j.data.BatchProvider} with a {@link org.seg4j.train.SegmentationLoss}, an optimizer
 * from {@link org.seg4j.train.optim} (state saved with each checkpoint) and an
 * {@link org.seg4j.train.LrSchedule}; {@link org.seg4j.train.TrainConfig} holds every setting and is
 * read from YAML.
 *
 * <p>Run folder layout:
 *
 * <pre>
 * &lt;out&gt;/config.yaml              resolved TrainConfig
 * &lt;out&gt;/history.json             list of EpochStats
 * &lt;out&gt;/summary.json             RunSummary: steps taken, training time, why the run stopped
 * &lt;out&gt;/model.json, weights.params  best model so far (ModelDirectory; metrics filled in)
 * &lt;out&gt;/checkpoints/last/         every epoch (and at a stop inside one: budget, steps, cancel)
 * &lt;out&gt;/checkpoints/best/         best val mIoU (or lowest train loss without validation)
 * &lt;out&gt;/checkpoints/epoch-NNNN/   the last keep_last epochs
 *     each: weights.params, optimizer.bin, state.json (CheckpointState)
 * </pre>
 */
package org.seg4j.train;
