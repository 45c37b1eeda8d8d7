package org.seg4j.train.cv;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.seg4j.util.Json;

/**
 * The {@code fold.json} of a fold's run folder: which groups it holds out, the configuration it was
 * trained with, and whether its training finished. A finished fold is not trained again.
 *
 * @param fold the fold's name
 * @param heldOut the groups held out (validated on, never trained on)
 * @param configHash {@link org.seg4j.train.TrainConfig#hash()} of the fold's configuration
 * @param finished whether training ended (epochs done or time budget spent) and the model was exported
 * @param trainImages training images of the fold
 * @param validationImages held-out images of the fold
 * @param epochs completed epochs, 0 until finished
 * @param steps optimizer steps, 0 until finished
 * @param stoppedByTimeBudget whether the time budget ended training
 * @param trainSeconds wall-clock seconds of the training call that finished the fold
 */
public record FoldState(
        @JsonProperty("fold") String fold,
        @JsonProperty("held_out") List<String> heldOut,
        @JsonProperty("config_hash") String configHash,
        @JsonProperty("finished") boolean finished,
        @JsonProperty("train_images") int trainImages,
        @JsonProperty("validation_images") int validationImages,
        @JsonProperty("epochs") int epochs,
        @JsonProperty("steps") long steps,
        @JsonProperty("stopped_by_time_budget") boolean stoppedByTimeBudget,
        @JsonProperty("train_seconds") double trainSeconds) {

    /** File name inside the fold's run folder. */
    public static final String FILE_NAME = "fold.json";

    /** The state in {@code runDir}, or {@code null} when the fold has not been started. */
    static FoldState read(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        return Files.isRegularFile(file) ? Json.read(file, FoldState.class) : null;
    }

    /** Writes this state into {@code runDir}, atomically. */
    void write(Path runDir) {
        Json.writeJson(runDir.resolve(FILE_NAME), this);
    }
}
