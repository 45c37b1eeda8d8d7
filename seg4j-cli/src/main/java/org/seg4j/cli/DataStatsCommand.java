package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seg4j.data.ClassWeighting;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.layout.DatasetLayouts;
import org.seg4j.metric.report.ClassHistogramChart;
import org.seg4j.data.quality.DatasetStats;
import org.seg4j.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j data stats}: class shares, image sizes, class weights and a per-split histogram. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Per-class pixel and image share, per-split class histogram (PNG), image sizes and suggested "
                + "class weights (median-frequency and inverse-sqrt) as YAML files for train --class-weights.")
final class DataStatsCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

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

    @Override
    public Integer call() {
        var layout = data.layout == null ? DatasetLayouts.detect(data.root).layout() : DatasetLayouts.byName(data.layout);
        List<String> names = splits.isEmpty() ? layout.splits(data.root) : splits;
        List<SegmentationDataset> opened = new ArrayList<>();
        for (String s : names) {
            opened.add(data.open(s, opened.isEmpty() ? null : opened.get(0).classes()));
        }
        report(DatasetStats.of(opened), out, weightsSplit, maxVoid);
        return 0;
    }

    /** Prints the statistics and writes stats.json, the histogram and the class-weights files (also for seg4j spark stats). */
    static void report(DatasetStats stats, Path out, String weightsSplit, double maxVoid) {
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
