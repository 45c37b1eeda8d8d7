package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.ClassWeighting;
import org.seg4j.data.quality.DatasetStats;
import org.seg4j.metric.report.ClassHistogramChart;
import org.seg4j.util.Json;
import picocli.CommandLine.Option;

/** The options of {@code data stats} and {@code spark stats} (besides the data set), and the files both write. */
final class StatsOptions {

    @Option(names = "--split", description = "Splits (default: every split).")
    List<String> splits = new ArrayList<>();

    @Option(names = "--weights-split", defaultValue = "train",
            description = "Split whose statistics give the class weights (default: ${DEFAULT-VALUE}, else the first).")
    String weightsSplit;

    @Option(names = "--out", required = true, description = "Folder for stats.json, class-histogram.png and the "
            + "class-weights-*.yaml files.")
    Path out;

    @Option(names = "--max-void", defaultValue = "0.5",
            description = "Warn when more than this share (0-1) of a split's mask pixels is void; every declared class "
                    + "without pixels is also a warning (default: ${DEFAULT-VALUE}).")
    double maxVoid;

    /** Prints the statistics and writes stats.json, the histogram and the class-weights files. */
    void report(DatasetStats stats) {
        System.out.println(stats.text());
        stats.warnings(maxVoid).forEach(w -> System.out.println("warning: " + w));
        String ws = stats.splits().containsKey(weightsSplit) ? weightsSplit : stats.splits().keySet().iterator().next();
        Json.writeJson(out.resolve("stats.json"), stats.toJson());
        ClassHistogramChart.write(out.resolve(ClassHistogramChart.FILE_NAME), stats);
        for (ClassWeighting w : List.of(ClassWeighting.MEDIAN_FREQUENCY, ClassWeighting.INVERSE_SQRT)) {
            Path file = out.resolve("class-weights-" + w.cliName() + ".yaml");
            stats.writeWeights(file, ws, w);
            System.out.println("class weights (" + w.cliName() + ", from split " + ws + "): " + file);
        }
        System.out.println("statistics: " + out.resolve("stats.json") + ", chart: "
                + out.resolve(ClassHistogramChart.FILE_NAME));
    }
}
