package org.seg4j.cli;

import java.util.Map;
import org.seg4j.train.TrainConfig;

/**
 * How {@code --steps} and a time budget combine on the command line: a step count asked for on the
 * command line is the run's length on any machine, so it replaces the configuration file's
 * {@code time_budget} (which would otherwise stop a run on a slow or shared machine short of the
 * steps). A budget given on the same command line ({@code --time-budget} or {@code --set
 * time_budget=...}) stays, as a cap on the run.
 */
final class StepsOption {

    private StepsOption() {}

    /** Whether the configuration's time budget must be cleared for {@code steps}. */
    static boolean overridesBudget(Long steps, String timeBudget, Map<String, String> set) {
        return steps != null && timeBudget == null
                && set.keySet().stream().map(TrainConfig::canonicalKey).noneMatch("time_budget"::equals);
    }
}
