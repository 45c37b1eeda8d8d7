package org.seg4j.train;

/**
 * What one optimizer step did, as {@link TrainingListener#onStep} sees it.
 *
 * @param epoch 1-based epoch of the step
 * @param step 0-based index of the step in the run (the learning-rate schedule's step)
 * @param loss the batch's training loss
 * @param lr the learning rate the step used
 * @param elapsedSeconds training time of the run after the step, over all its sessions (what a time budget
 *     counts)
 */
public record StepStats(int epoch, long step, double loss, double lr, double elapsedSeconds) {}
