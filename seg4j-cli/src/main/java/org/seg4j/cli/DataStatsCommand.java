package org.seg4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.layout.DatasetLayouts;
import org.seg4j.data.quality.DatasetStats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code seg4j data stats}: class shares, image sizes, class weights and a per-split histogram. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Per-class pixel and image share, per-split class histogram (PNG), image sizes and suggested "
                + "class weights (median-frequency and inverse-sqrt) as YAML files for train --class-weights.")
final class DataStatsCommand implements Callable<Integer> {

    @Mixin
    DataOptions data;

    @Mixin
    StatsOptions stats;

    @Override
    public Integer call() {
        var layout = data.layout == null ? DatasetLayouts.detect(data.root).layout() : DatasetLayouts.byName(data.layout);
        List<String> names = stats.splits.isEmpty() ? layout.splits(data.root) : stats.splits;
        List<SegmentationDataset> opened = new ArrayList<>();
        for (String s : names) {
            opened.add(data.open(s, opened.isEmpty() ? null : opened.get(0).classes()));
        }
        stats.report(DatasetStats.of(opened));
        return 0;
    }
}
