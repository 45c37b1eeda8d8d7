package org.seg4j.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The {@code state.json} of a checkpoint: where the run stood when it was written. Together with
 * the weights and the optimizer state in the same folder it lets {@code --resume} continue exactly.
 *
 * @param formatVersion layout version
 * @param epoch completed epochs
 * @param stepInEpoch steps already done in epoch {@code epoch + 1} (non-zero only after a
 *     time-budget stop inside an epoch); a resumed run skips that many batches
 * @param globalStep optimizer steps taken
 * @param bestMetricName {@code val_miou} (higher is better) or {@code train_loss} (lower is better)
 * @param bestMetric best value so far, {@code null} if none
 * @param bestEpoch epoch of the best value, 0 if none
 * @param seed the run's seed
 * @param rngScheme how the engine's random generator is seeded (re-derived from seed and step)
 * @param configHash {@link TrainConfig#hash()} of the run
 * @param optimizer optimizer name
 * @param partialLossSum sum of step losses of the unfinished epoch
 * @param partialImages images seen in the unfinished epoch
 * @param partialSeconds seconds spent in the unfinished epoch
 * @param history per-epoch numbers up to this checkpoint
 * @param elapsedSeconds training time of the run up to this checkpoint (over all its sessions); a resumed
 *     run's time budget counts on from here
 * @param totalSteps the step count the learning-rate schedule spans from this checkpoint on (a time-budgeted
 *     run's estimate; 0 in checkpoints from before it was saved)
 * @param lengthBasis the settings {@code totalSteps} was planned from ({@code epochs}, {@code steps},
 *     {@code time_budget}); a resume under other ones plans again
 */
public record CheckpointState(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("epoch") int epoch,
        @JsonProperty("step_in_epoch") long stepInEpoch,
        @JsonProperty("global_step") long globalStep,
        @JsonProperty("best_metric_name") String bestMetricName,
        @JsonProperty("best_metric") Double bestMetric,
        @JsonProperty("best_epoch") int bestEpoch,
        @JsonProperty("seed") long seed,
        @JsonProperty("rng_scheme") String rngScheme,
        @JsonProperty("config_hash") String configHash,
        @JsonProperty("optimizer") String optimizer,
        @JsonProperty("partial_loss_sum") double partialLossSum,
        @JsonProperty("partial_images") long partialImages,
        @JsonProperty("partial_seconds") double partialSeconds,
        @JsonProperty("history") List<EpochStats> history,
        @JsonProperty("elapsed_seconds") double elapsedSeconds,
        @JsonProperty("total_steps") long totalSteps,
        @JsonProperty("length_basis") String lengthBasis) {

    /** Current layout version (2 added the elapsed time and the schedule's step count). */
    public static final int FORMAT_VERSION = 2;

    /** File name inside a checkpoint folder. */
    public static final String FILE_NAME = "state.json";

    public CheckpointState {
        history = history == null ? List.of() : List.copyOf(history);
    }
}
