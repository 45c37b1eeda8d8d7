package org.seg4j.train.cv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.train.TrainConfig;

class CvComparisonTest {

    @TempDir
    Path tmp;

    /** A cv folder as seg4j cv leaves it: cv.json and each fold's config.yaml. */
    static Path cv(Path dir, Map<String, String> settings, long steps, String... foldAndIoU) throws Exception {
        Files.createDirectories(dir);
        StringBuilder folds = new StringBuilder();
        for (int i = 0; i < foldAndIoU.length; i += 2) {
            String fold = foldAndIoU[i];
            Path run = dir.resolve("fold-" + fold);
            Files.createDirectories(run);
            TrainConfig.fromMap(Map.of(), "x").toBuilder().optValues(settings).optValGroups(List.of(fold)).build()
                    .write(run.resolve(TrainConfig.FILE_NAME));
            folds.append(i == 0 ? "" : ",").append("{\"fold\":\"").append(fold).append("\",\"runDir\":\"fold-")
                    .append(fold).append("\",\"steps\":").append(steps).append(",\"stoppedByTimeBudget\":false,")
                    .append("\"mIoU\":").append(foldAndIoU[i + 1]).append('}');
        }
        Files.writeString(dir.resolve(CvSummary.JSON), "{\"scheme\":\"leave-one-group-out\",\"folds\":[" + folds + "]}");
        return dir;
    }

    @Test
    void theTableGivesEachFoldsDifferenceTheMeanTheRankAndTheChangedKeys() throws Exception {
        Path ref = cv(tmp.resolve("base"), Map.of(), 300, "A", "0.30", "B", "0.36", "C", "0.32");
        Path cand = cv(tmp.resolve("cand"), Map.of("label_smoothing", "0.1"), 300, "A", "0.34", "B", "0.33", "C", "0.33");
        CvComparison c = CvComparison.read(List.of(ref, cand));

        assertThat(c.differences(c.runs().get(1))).containsExactly("label_smoothing=0.1");
        Path unbudgeted = cv(tmp.resolve("steps"), Map.of("time_budget", "none"), 300, "A", "0.3", "B", "0.3", "C", "0.3");
        Path budgeted = cv(tmp.resolve("budget"), Map.of("time_budget", "60m"), 300, "A", "0.3", "B", "0.3", "C", "0.3");
        CvComparison byBudget = CvComparison.read(List.of(budgeted, unbudgeted));
        assertThat(byBudget.differences(byBudget.runs().get(1))).containsExactly("time_budget=none");
        assertThat(c.ranked()).extracting(CvComparison.Run::dir).containsExactly(cand, ref);
        String md = c.markdown();
        // reference: mean 32.7, sample std sqrt(((-2.67)^2 + 3.33^2 + (-0.67)^2) / 2) = 3.06
        assertThat(md).contains("| 2 | `base` | (reference) | 30.0% | 36.0% | 32.0% | 32.7% ± 3.1 |  |  |");
        // candidate: +4.0, -3.0, +1.0 per fold, mean 33.3 (+0.7), better in 2 of 3 folds
        assertThat(md).contains("| 1 | `cand` | `label_smoothing=0.1` | 34.0% (+4.0) | 33.0% (-3.0) | 33.0% (+1.0) "
                + "| 33.3% ± 0.6 | +0.7 | 2 of 3 |");
        assertThat(md).contains("Steps per fold: `base` 300, `cand` 300.");
    }

    @Test
    void differentFoldsAndMissingSummariesAreErrorsNamingTheFile() throws Exception {
        Path ref = cv(tmp.resolve("base"), Map.of(), 300, "A", "0.30", "B", "0.36");
        Path other = cv(tmp.resolve("other"), Map.of(), 300, "A", "0.30", "C", "0.36");
        assertThatThrownBy(() -> CvComparison.read(List.of(ref, other)))
                .hasMessageContaining(other.resolve("cv.json").toString())
                .hasMessageContaining("only cross-validations of the same folds compare");
        Path empty = Files.createDirectories(tmp.resolve("unfinished"));
        assertThatThrownBy(() -> CvComparison.read(List.of(ref, empty)))
                .hasMessageContaining(empty.resolve("cv.json") + ": not found");
        Files.writeString(empty.resolve("cv.json"), "{not json");
        assertThatThrownBy(() -> CvComparison.read(List.of(empty))).hasMessageContaining("not readable as JSON");
    }
}
