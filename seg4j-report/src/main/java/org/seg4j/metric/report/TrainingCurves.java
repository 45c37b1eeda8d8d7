package org.seg4j.metric.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.util.Json;

/**
 * Per-epoch series of a training run, the input of {@link TrainingCurvesPlot}. Each optional
 * series is either empty (not recorded) or has one value per epoch, {@code NaN} where the value is
 * missing (e.g. epochs without validation). Metrics are fractions in 0..1.
 *
 * @param epochs epoch numbers, normally ascending
 * @param trainLoss mean training loss per epoch
 * @param valLoss validation loss per epoch, or empty
 * @param valMiou validation mIoU per epoch, or empty
 * @param valPixelAccuracy validation pixel accuracy per epoch, or empty
 */
public record TrainingCurves(
        List<Integer> epochs,
        List<Double> trainLoss,
        List<Double> valLoss,
        List<Double> valMiou,
        List<Double> valPixelAccuracy) {

    /** File name of the training history that {@link #fromHistoryJson} reads. */
    public static final String HISTORY_JSON = "history.json";

    public TrainingCurves {
        epochs = List.copyOf(epochs);
        trainLoss = series("trainLoss", trainLoss, epochs.size());
        valLoss = series("valLoss", valLoss, epochs.size());
        valMiou = series("valMiou", valMiou, epochs.size());
        valPixelAccuracy = series("valPixelAccuracy", valPixelAccuracy, epochs.size());
    }

    /** Curves with only a training loss. */
    public static TrainingCurves ofTrainLoss(List<Integer> epochs, List<Double> trainLoss) {
        return new TrainingCurves(epochs, trainLoss, List.of(), List.of(), List.of());
    }

    /** Number of epochs. */
    public int size() {
        return epochs.size();
    }

    /**
     * Reads a {@code history.json}: a JSON array with one object per epoch holding
     * {@code epoch, train_loss, val_loss, val_miou, pixel_accuracy} (the validation pixel accuracy, also
     * read as {@code val_pixel_accuracy}; other keys such as
     * {@code lr} and {@code seconds} are ignored). Missing or null values become {@code NaN}; a
     * series that has no value at all is left empty; a missing epoch number is the 1-based position.
     *
     * @throws Seg4jException if the file cannot be read or is not such an array
     */
    public static TrainingCurves fromHistoryJson(Path file) {
        JsonNode root;
        try {
            root = Json.JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new Seg4jException(file + ": cannot read training history: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray()) {
            throw new Seg4jException(file + ": training history must be a JSON array of per-epoch objects");
        }
        List<Integer> epochs = new ArrayList<>();
        List<Double> trainLoss = new ArrayList<>();
        List<Double> valLoss = new ArrayList<>();
        List<Double> valMiou = new ArrayList<>();
        List<Double> valAcc = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            JsonNode entry = root.get(i);
            if (!entry.isObject()) {
                throw new Seg4jException(file + ": entry " + i + " of the training history is not an object");
            }
            JsonNode epoch = entry.get("epoch");
            epochs.add(epoch != null && epoch.isNumber() ? epoch.asInt() : i + 1);
            trainLoss.add(number(entry, "train_loss"));
            valLoss.add(number(entry, "val_loss"));
            valMiou.add(number(entry, "val_miou"));
            valAcc.add(entry.has("pixel_accuracy") ? number(entry, "pixel_accuracy") : number(entry, "val_pixel_accuracy"));
        }
        return new TrainingCurves(epochs, orEmpty(trainLoss), orEmpty(valLoss), orEmpty(valMiou), orEmpty(valAcc));
    }

    private static double number(JsonNode entry, String key) {
        JsonNode v = entry.get(key);
        return v != null && v.isNumber() ? v.asDouble() : Double.NaN;
    }

    private static List<Double> orEmpty(List<Double> values) {
        return values.stream().allMatch(v -> v.isNaN()) ? List.of() : values;
    }

    private static List<Double> series(String name, List<Double> values, int epochs) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        if (values.size() != epochs) {
            throw new IllegalArgumentException(name + " has " + values.size() + " values for " + epochs + " epochs");
        }
        List<Double> copy = new ArrayList<>(values.size());
        for (Double v : values) {
            copy.add(v == null ? Double.NaN : v);
        }
        return Collections.unmodifiableList(copy);
    }
}
