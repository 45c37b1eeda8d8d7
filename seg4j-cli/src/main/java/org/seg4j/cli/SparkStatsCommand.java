package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.seg4j.data.layout.DatasetLayouts;
import org.seg4j.spark.data.DistributedDataStats;
import org.seg4j.spark.data.SplitRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j spark stats}: {@code data stats} as a Spark job; the same files and numbers. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "data stats as a Spark job: class shares, image sizes, histogram and class weights; the "
                + "numbers equal those of seg4j data stats.")
final class SparkStatsCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "Data set root folder (same path on every executor).")
    Path root;

    @Option(names = "--layout", description = "folder, camvid, voc or cityscapes (detected when omitted).")
    String layout;

    @Mixin
    StatsOptions stats;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        var l = layout == null ? DatasetLayouts.detect(root).layout() : DatasetLayouts.byName(layout);
        List<SplitRef> refs = new ArrayList<>();
        for (String s : stats.splits.isEmpty() ? l.splits(root) : stats.splits) {
            refs.add(SplitRef.open(root, l.name(), s));
        }
        SparkSession session = spark.session("stats");
        try {
            stats.report(DistributedDataStats.compute(session, refs, spark.tasks(session)));
            return 0;
        } finally {
            session.stop();
        }
    }
}
