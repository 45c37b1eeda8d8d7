package org.seg4j.train;

import java.time.Duration;
import java.util.Locale;

/**
 * How long a run is: the number of steps its learning-rate schedule spans ({@link #totalSteps()})
 * and whether the run stops when it gets there.
 *
 * <ul>
 *   <li>{@code steps: N}: exactly N steps, through as many epochs as that takes;
 *   <li>{@code time_budget} (without {@code steps}): the step count that fits the budget, estimated
 *       from the run's own speed at every checkpoint ({@link #reestimate}) and saved with it, so that
 *       between two checkpoints the rate is a function of the step alone and a resumed run follows
 *       the same curve; the run stops at that count or when the budget is spent;
 *   <li>otherwise {@code epochs} times the steps of an epoch.
 * </ul>
 *
 * <p>Shared by the semantic trainer and Mask R-CNN's own loop.
 */
public final class RunLength {

    private final TrainConfig config;
    private final int stepsPerEpoch;
    private long totalSteps;

    public RunLength(TrainConfig config, int stepsPerEpoch) {
        this.config = config;
        this.stepsPerEpoch = Math.max(1, stepsPerEpoch);
        this.totalSteps = config.steps() > 0 ? config.steps() : byEpochs();
    }

    /** Steps of {@code epochs} whole epochs: the length of a run without {@code steps}. */
    private long byEpochs() {
        return (long) stepsPerEpoch * config.epochs();
    }

    /** The step count the schedule spans now. */
    public long totalSteps() {
        return totalSteps;
    }

    /** The schedule over {@link #totalSteps()}. */
    public LrSchedule schedule() {
        return config.lrSchedule(totalSteps);
    }

    /** The number of epochs the run may start: enough for {@code steps}, else {@code epochs}. */
    public int epochs() {
        if (config.steps() == 0) {
            return config.epochs();
        }
        return (int) Math.min(Integer.MAX_VALUE, (config.steps() + stepsPerEpoch - 1) / stepsPerEpoch);
    }

    /** Whether the step count follows the time budget. */
    public boolean budgetDriven() {
        return config.steps() == 0 && config.timeBudget() != null;
    }

    /**
     * Whether the budget cut the run short: a budget-driven step count below what the epochs would
     * take. A generous budget that lets every epoch run does not count as having stopped the run.
     */
    public boolean cutByBudget() {
        return budgetDriven() && totalSteps < byEpochs();
    }

    /** Whether the run is over after {@code globalStep} steps (runs sized by epochs end with their last epoch). */
    public boolean reached(long globalStep) {
        return (config.steps() > 0 || budgetDriven()) && globalStep >= totalSteps;
    }

    /**
     * The settings that decide the step count; a checkpoint saved under other ones (say, a longer
     * budget) is planned again on resume.
     */
    public String basis() {
        if (config.steps() > 0) {
            return "steps " + config.steps();
        }
        String epochs = String.format(Locale.ROOT, "epochs %d x %d steps", config.epochs(), stepsPerEpoch);
        return budgetDriven() ? epochs + ", time budget " + TrainConfig.formatDuration(config.timeBudget()) : epochs;
    }

    /**
     * Continues from a checkpoint's plan: its step count when it was planned on the same basis,
     * else a new estimate from where the run stands.
     *
     * @return whether the checkpoint's plan was kept
     */
    public boolean restore(long savedTotal, String savedBasis, long globalStep, double elapsedSeconds) {
        if (savedTotal > 0 && basis().equals(savedBasis)) {
            totalSteps = savedTotal;
            return true;
        }
        reestimate(globalStep, elapsedSeconds);
        return false;
    }

    /**
     * With a time budget: the steps that fit it at the speed so far ({@code globalStep} steps in
     * {@code elapsedSeconds}, validation and checkpoints included), at most {@code epochs} epochs.
     * Without one the count is fixed and this does nothing.
     */
    public void reestimate(long globalStep, double elapsedSeconds) {
        if (!budgetDriven() || globalStep < 1 || !(elapsedSeconds > 0)) {
            return;
        }
        Duration budget = config.timeBudget();
        double fit = globalStep * (budget.toNanos() / 1e9) / elapsedSeconds;
        totalSteps = Math.max(globalStep, Math.min(byEpochs(), Math.round(fit)));
    }
}
