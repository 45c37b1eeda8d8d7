package org.seg4j.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.util.Json;

/** The per-epoch numbers of a run, in epoch order, and their file {@link SegmentationTrainer#HISTORY}. */
final class TrainingHistory {

    private final List<EpochStats> epochs = new ArrayList<>();

    /** Adds an epoch's numbers, replacing an earlier entry of the same epoch (a partial one). */
    void record(EpochStats stats) {
        epochs.removeIf(h -> h.epoch() == stats.epoch());
        epochs.add(stats);
    }

    /** Replaces the whole history (on resume, with the checkpoint's). */
    void replaceWith(List<EpochStats> saved) {
        epochs.clear();
        epochs.addAll(saved);
    }

    /** An unmodifiable copy. */
    List<EpochStats> snapshot() {
        return List.copyOf(epochs);
    }

    /** Writes the history as a JSON list, atomically. */
    void write(Path runDir) {
        Json.writeJson(runDir.resolve(SegmentationTrainer.HISTORY), epochs);
    }
}
