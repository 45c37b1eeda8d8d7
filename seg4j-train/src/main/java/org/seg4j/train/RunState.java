package org.seg4j.train;

/**
 * Where a run stands: completed epochs, steps, the best metric so far, the totals of an epoch cut
 * short (time budget, step count or cancel), and the history. It is what a checkpoint's {@link CheckpointState} saves
 * and a resumed run restores.
 */
final class RunState {

    /** Running totals of the epoch in progress. */
    static final class EpochTotals {
        /** Seconds the epoch ran before a time-budget stop and resume. */
        final double priorSeconds;
        double lossSum;
        long images;

        private EpochTotals(double lossSum, long images, double priorSeconds) {
            this.lossSum = lossSum;
            this.images = images;
            this.priorSeconds = priorSeconds;
        }

        void add(float loss, int batchImages) {
            lossSum += loss;
            images += batchImages;
        }
    }

    private final TrainingHistory history = new TrainingHistory();
    private int completedEpochs;
    private long stepInEpoch;
    private long globalStep;
    private Double bestMetric;
    private int bestEpoch;
    private double partialLossSum;
    private long partialImages;
    private double partialSeconds;

    int completedEpochs() {
        return completedEpochs;
    }

    /** Steps done in the epoch after {@link #completedEpochs()}. */
    long stepInEpoch() {
        return stepInEpoch;
    }

    long globalStep() {
        return globalStep;
    }

    /** The best metric so far, {@code null} if none. */
    Double bestMetric() {
        return bestMetric;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    TrainingHistory history() {
        return history;
    }

    /** The totals the next epoch starts from: those of a time-budget stop inside it, else zeros. */
    EpochTotals startEpoch() {
        return stepInEpoch > 0 ? new EpochTotals(partialLossSum, partialImages, partialSeconds)
                : new EpochTotals(0, 0, 0);
    }

    /** Counts one optimizer step. */
    void countStep() {
        globalStep++;
        stepInEpoch++;
    }

    /**
     * Takes {@code candidate} as the best metric when it beats the current best.
     *
     * @param higherIsBetter true for mIoU, false for a loss
     * @return whether it did
     */
    boolean offerBest(Double candidate, boolean higherIsBetter, int epoch) {
        if (candidate == null || (bestMetric != null
                && (higherIsBetter ? candidate <= bestMetric : candidate >= bestMetric))) {
            return false;
        }
        bestMetric = candidate;
        bestEpoch = epoch;
        return true;
    }

    /**
     * The epoch stopped early (time budget, step count or cancel): keeps its totals and {@code seconds}
     * so far for the resume.
     */
    void pauseEpoch(EpochTotals totals, double seconds) {
        partialLossSum = totals.lossSum;
        partialImages = totals.images;
        partialSeconds = seconds;
    }

    void completeEpoch(int epoch) {
        completedEpochs = epoch;
        stepInEpoch = 0;
        partialLossSum = 0;
        partialImages = 0;
        partialSeconds = 0;
    }

    /**
     * The checkpoint's state.
     *
     * @param elapsedSeconds the run's training time so far
     * @param length the run's plan, whose step count the schedule spans from here on
     */
    CheckpointState toCheckpoint(String bestMetricName, TrainConfig config, String optimizer, double elapsedSeconds,
            RunLength length) {
        return new CheckpointState(CheckpointState.FORMAT_VERSION, completedEpochs, stepInEpoch, globalStep,
                bestMetricName, bestMetric, bestEpoch, config.seed(), TrainingStep.RNG_SCHEME, config.hash(),
                optimizer, partialLossSum, partialImages, partialSeconds, history.snapshot(), elapsedSeconds,
                length.totalSteps(), length.basis());
    }

    void restore(CheckpointState s) {
        completedEpochs = s.epoch();
        stepInEpoch = s.stepInEpoch();
        globalStep = s.globalStep();
        bestMetric = s.bestMetric();
        bestEpoch = s.bestEpoch();
        partialLossSum = s.partialLossSum();
        partialImages = s.partialImages();
        partialSeconds = s.partialSeconds();
        history.replaceWith(s.history());
    }
}
