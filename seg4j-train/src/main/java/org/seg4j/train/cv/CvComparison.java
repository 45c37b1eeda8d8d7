package org.seg4j.train.cv;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.seg4j.Seg4jException;
import org.seg4j.metric.report.FoldComparisonChart;
import org.seg4j.train.TrainConfig;
import org.seg4j.util.Json;

/**
 * Several cross-validations of the same folds side by side, the first one the reference: each
 * recipe's held-out mIoU per fold, mean and spread, the difference from the reference fold by fold,
 * and the configuration keys in which it differs from the reference (read from the runs' saved
 * configurations, so the table names what each candidate changed).
 *
 * <p>Fold by fold is how candidates should be compared: the folds differ more from each other than
 * recipes usually do, so a mean difference that is not repeated in most folds decides nothing.
 *
 * @param runs the cross-validations, reference first
 */
public record CvComparison(List<Run> runs) {

    /** Keys that describe how a fold was run rather than what was trained, or that differ per fold. */
    private static final Set<String> NOT_COMPARED = Set.of("val_groups", "train_groups", "num_workers",
            "progress_interval_seconds", "keep_last", "validate_every", "val_batch_size");

    /**
     * One cross-validation.
     *
     * @param dir its folder (with {@code cv.json})
     * @param folds fold name to held-out mIoU (a fraction; NaN where undefined), in fold order
     * @param steps fold name to the optimizer steps the fold trained
     * @param stoppedByBudget whether any fold stopped at a time budget rather than its length
     * @param config the resolved configuration of its first fold, as a map (keys that differ per fold
     *     left out)
     */
    public record Run(Path dir, Map<String, Double> folds, Map<String, Long> steps, boolean stoppedByBudget,
            Map<String, Object> config) {

        /** Mean and spread of the folds' mIoU. */
        public Spread meanIoU() {
            return Spread.of(folds.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
    }

    public CvComparison {
        runs = List.copyOf(runs);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("a comparison needs at least one cross-validation");
        }
        Set<String> folds = runs.get(0).folds().keySet();
        for (Run r : runs) {
            if (!r.folds().keySet().equals(folds)) {
                throw new Seg4jException(r.dir().resolve(CvSummary.JSON) + ": folds " + r.folds().keySet()
                        + " differ from the reference's " + folds + " (" + runs.get(0).dir().resolve(CvSummary.JSON)
                        + "); only cross-validations of the same folds compare");
            }
        }
    }

    /** Reads the cross-validations in {@code dirs} (each written by {@code seg4j cv}), the first the reference. */
    public static CvComparison read(List<Path> dirs) {
        List<Run> runs = new ArrayList<>();
        for (Path dir : dirs) {
            runs.add(readRun(dir));
        }
        return new CvComparison(runs);
    }

    private static Run readRun(Path dir) {
        Path file = dir.resolve(CvSummary.JSON);
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(file + ": not found; a cross-validation folder holds the cv.json that seg4j cv "
                    + "writes when every fold is done");
        }
        JsonNode root;
        try {
            root = Json.JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new Seg4jException(file + ": not readable as JSON: " + e.getMessage(), e);
        }
        JsonNode folds = root.path("folds");
        if (!folds.isArray() || folds.isEmpty()) {
            throw new Seg4jException(file + ": has no folds");
        }
        Map<String, Double> iou = new LinkedHashMap<>();
        Map<String, Long> steps = new LinkedHashMap<>();
        boolean stopped = false;
        String firstRunDir = null;
        for (JsonNode f : folds) {
            String name = f.path("fold").asText(null);
            if (name == null || !f.has("mIoU")) {
                throw new Seg4jException(file + ": a fold without a name or an mIoU");
            }
            iou.put(name, f.get("mIoU").isNull() ? Double.NaN : f.get("mIoU").asDouble());
            steps.put(name, f.path("steps").asLong());
            stopped |= f.path("stoppedByTimeBudget").asBoolean(false);
            if (firstRunDir == null) {
                firstRunDir = f.path("runDir").asText(null);
            }
        }
        Map<String, Object> config = new LinkedHashMap<>();
        Path configFile = firstRunDir == null ? null : dir.resolve(firstRunDir).resolve(TrainConfig.FILE_NAME);
        if (configFile != null && Files.isRegularFile(configFile)) {
            config.putAll(TrainConfig.read(configFile).toMap());
            config.keySet().removeAll(NOT_COMPARED);
        }
        return new Run(dir, iou, steps, stopped, config);
    }

    /** Keys whose values differ between {@code run} and the reference, as {@code key=value} of the run. */
    public List<String> differences(Run run) {
        Map<String, Object> ref = runs.get(0).config();
        List<String> out = new ArrayList<>();
        Set<String> keys = new LinkedHashSet<>(ref.keySet());
        keys.addAll(run.config().keySet());
        for (String k : keys) {
            if (!Objects.equals(String.valueOf(ref.get(k)), String.valueOf(run.config().get(k)))) {
                Object v = run.config().get(k);
                out.add(k + "=" + (v == null ? "none" : v));
            }
        }
        return out;
    }

    /** Runs in order of their mean mIoU, best first (ranks for comparing two budgets). */
    public List<Run> ranked() {
        return runs.stream().sorted(Comparator.comparingDouble((Run r) -> r.meanIoU().mean()).reversed()).toList();
    }

    /** The comparison as a Markdown table, with the reference first. */
    public String markdown() {
        Run ref = runs.get(0);
        List<String> folds = List.copyOf(ref.folds().keySet());
        List<Run> ranked = ranked();
        StringBuilder b = new StringBuilder();
        b.append("# Cross-validations compared\n\nHeld-out mIoU per fold (the last epoch of each fold, scored at full ")
                .append("resolution); differences are from the reference, `").append(ref.dir()).append("`.\n\n");
        b.append("| rank | run | differs from the reference |");
        folds.forEach(f -> b.append(' ').append(f).append(" |"));
        b.append(" mean ± std | Δ mean | folds better |\n|---|---|---|");
        folds.forEach(f -> b.append("---|"));
        b.append("---|---|---|\n");
        for (Run r : runs) {
            b.append("| ").append(ranked.indexOf(r) + 1).append(" | `").append(r.dir().getFileName()).append("` | ");
            List<String> diff = r == ref ? List.of() : differences(r);
            b.append(r == ref ? "(reference)" : diff.isEmpty() ? "nothing" : "`" + String.join("`, `", diff) + "`");
            b.append(" |");
            int better = 0;
            for (String f : folds) {
                double v = r.folds().get(f);
                double d = v - ref.folds().get(f);
                b.append(' ').append(CvReport.pct(v));
                if (r != ref && !Double.isNaN(d)) {
                    b.append(String.format(Locale.ROOT, " (%+.1f)", 100 * d));
                    better += d > 0 ? 1 : 0;
                }
                b.append(" |");
            }
            Spread s = r.meanIoU();
            b.append(' ').append(CvReport.pct(s.mean())).append(" ± ").append(Double.isNaN(s.std()) ? "n/a"
                    : String.format(Locale.ROOT, "%.1f", 100 * s.std())).append(" | ");
            b.append(r == ref ? "" : String.format(Locale.ROOT, "%+.1f", 100 * (s.mean() - ref.meanIoU().mean())));
            b.append(" | ").append(r == ref ? "" : better + " of " + folds.size()).append(" |\n");
        }
        b.append("\nSteps per fold: ");
        List<String> lengths = new ArrayList<>();
        for (Run r : runs) {
            lengths.add("`" + r.dir().getFileName() + "` " + r.steps().values().stream().distinct()
                    .map(String::valueOf).reduce((x, y) -> x + "/" + y).orElse("?")
                    + (r.stoppedByBudget() ? " (a fold stopped at its time budget)" : ""));
        }
        b.append(String.join(", ", lengths)).append(".\n");
        return b.toString();
    }

    /** Writes the bar chart of the runs' held-out mIoU per fold and mean (PNG, atomically). */
    public void writeChart(Path png) {
        List<String> folds = List.copyOf(runs.get(0).folds().keySet());
        Map<String, double[]> series = new LinkedHashMap<>();
        for (Run r : runs) {
            String name = r.dir().getFileName().toString();
            while (series.containsKey(name)) {
                name = name + "'";
            }
            series.put(name, folds.stream().mapToDouble(f -> r.folds().get(f)).toArray());
        }
        FoldComparisonChart.write(png, folds, series);
    }
}
