package org.seg4j.metric.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;

class TrainingCurvesTest {

    @TempDir
    Path dir;

    private Path history(String json) throws Exception {
        Path file = dir.resolve(TrainingCurves.HISTORY_JSON);
        Files.writeString(file, json);
        return file;
    }

    @Test
    void readsHistoryWithMissingAndNullValuesAsNaN() throws Exception {
        Path file = history("""
                [
                  {"epoch": 1, "train_loss": 1.5, "val_loss": null, "lr": 0.01, "seconds": 3.2},
                  {"epoch": 2, "train_loss": 1.0, "val_loss": 1.2, "val_miou": 0.4, "val_pixel_accuracy": 0.8},
                  {"epoch": 3, "train_loss": 0.75, "lr": 0.001}
                ]
                """);

        TrainingCurves curves = TrainingCurves.fromHistoryJson(file);

        assertThat(curves.epochs()).containsExactly(1, 2, 3);
        assertThat(curves.trainLoss()).containsExactly(1.5, 1.0, 0.75);
        assertThat(curves.valLoss()).containsExactly(Double.NaN, 1.2, Double.NaN);
        assertThat(curves.valMiou()).containsExactly(Double.NaN, 0.4, Double.NaN);
        assertThat(curves.valPixelAccuracy()).containsExactly(Double.NaN, 0.8, Double.NaN);
        assertThat(curves.size()).isEqualTo(3);
    }

    @Test
    void seriesWithoutAnyValueIsEmptyAndMissingEpochIsPosition() throws Exception {
        TrainingCurves curves = TrainingCurves.fromHistoryJson(history("""
                [{"train_loss": 2.0}, {"train_loss": 1.0, "val_miou": null}]
                """));

        assertThat(curves.epochs()).containsExactly(1, 2);
        assertThat(curves.valLoss()).isEmpty();
        assertThat(curves.valMiou()).isEmpty();
        assertThat(curves.valPixelAccuracy()).isEmpty();
    }

    @Test
    void emptyHistoryHasNoEpochs() throws Exception {
        assertThat(TrainingCurves.fromHistoryJson(history("[]")).size()).isZero();
    }

    @Test
    void rejectsFilesThatAreNotAHistory() throws Exception {
        assertThatThrownBy(() -> TrainingCurves.fromHistoryJson(history("{\"epoch\": 1}")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("JSON array");
        assertThatThrownBy(() -> TrainingCurves.fromHistoryJson(history("[1, 2]")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("entry 0");
        assertThatThrownBy(() -> TrainingCurves.fromHistoryJson(history("[{")))
                .isInstanceOf(Seg4jException.class);
        assertThatThrownBy(() -> TrainingCurves.fromHistoryJson(dir.resolve("missing.json")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("missing.json");
    }

    @Test
    void constructorTurnsNullIntoNaNAndChecksLengths() {
        TrainingCurves curves = new TrainingCurves(List.of(1, 2), List.of(1.0, 0.5), Arrays.asList(null, 0.7),
                null, List.of());

        assertThat(curves.valLoss()).containsExactly(Double.NaN, 0.7);
        assertThat(curves.valMiou()).isEmpty();
        assertThatThrownBy(() -> TrainingCurves.ofTrainLoss(List.of(1, 2), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("trainLoss");
    }
}
