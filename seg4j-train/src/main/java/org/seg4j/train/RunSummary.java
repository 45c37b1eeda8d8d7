package org.seg4j.train;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;
import org.seg4j.util.Json;

/**
 * The run folder's {@code summary.json}: how far the run went and why it stopped, rewritten at every
 * checkpoint and when the run ends. {@code steps_taken} is what {@code --steps} takes to train the
 * same number of steps again on any machine, with no time budget in play.
 *
 * @param stepsTaken optimizer steps taken in total
 * @param epochsCompleted fully completed epochs
 * @param elapsedSeconds training time over all sessions of the run
 * @param scheduleTotalSteps the step count the learning-rate schedule spanned last
 * @param stoppedBy {@code epochs}, {@code steps}, {@code time_budget} or {@code cancelled}; {@code null}
 *     while the run is in progress (or was killed)
 * @param timeBudget the run's time budget ({@code 60m}), {@code null} for none
 * @param rerun the option that reruns this run's length: {@code --steps N}
 */
public record RunSummary(
        @JsonProperty("steps_taken") long stepsTaken,
        @JsonProperty("epochs_completed") int epochsCompleted,
        @JsonProperty("elapsed_seconds") double elapsedSeconds,
        @JsonProperty("schedule_total_steps") long scheduleTotalSteps,
        @JsonProperty("stopped_by") String stoppedBy,
        @JsonProperty("time_budget") String timeBudget,
        @JsonProperty("rerun") String rerun) {

    /** File name inside the run folder. */
    public static final String FILE_NAME = "summary.json";

    /** Reads {@code summary.json} of a run folder. */
    public static RunSummary read(Path runDir) {
        return Json.read(runDir.resolve(FILE_NAME), RunSummary.class);
    }

    /** Writes it into {@code runDir}, atomically. */
    void write(Path runDir) {
        Json.writeJson(runDir.resolve(FILE_NAME), this);
    }
}
