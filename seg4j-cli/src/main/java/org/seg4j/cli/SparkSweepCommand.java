package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.seg4j.Seg4jException;
import org.seg4j.spark.data.SplitRef;
import org.seg4j.spark.sweep.SweepResult;
import org.seg4j.spark.sweep.TrainingSweep;
import org.seg4j.train.TrainConfig;
import org.seg4j.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j spark sweep}: independent training runs as Spark tasks, results table on the driver. */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "A hyper-parameter or seed sweep: every combination of the --grid values trains as its own "
                + "Spark task into <out>/<run>; the results table is printed and written to <out>/sweep.csv. "
                + "Each run trains on one machine (DJL has no distributed training).")
final class SparkSweepCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "Data set root folder (same path on every executor).")
    Path root;

    @Option(names = "--layout", description = "folder, camvid, voc or cityscapes (detected when omitted).")
    String layout;

    @Option(names = "--train-split", defaultValue = "train", description = "Training split (default: ${DEFAULT-VALUE}).")
    String trainSplit;

    @Option(names = "--val-split", defaultValue = "val", description = "Validation split; 'none' for none (default: ${DEFAULT-VALUE}).")
    String valSplit;

    @Option(names = "--config", description = "Base configuration (YAML, as for seg4j train).")
    Path config;

    @Option(names = "--grid", required = true, description = "KEY=V1,V2,... a config key and its values (repeatable).")
    Map<String, String> grid;

    @Option(names = "--out", required = true, description = "Folder for the run folders and sweep.csv.")
    Path out;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        TrainConfig base = config == null ? TrainConfig.defaults() : TrainConfig.read(config);
        SplitRef train = SplitRef.open(root, layout, trainSplit);
        SparkSession session = spark.session("sweep");
        try {
            TrainingSweep.Builder b = TrainingSweep.builder().setSpark(session).setTrainData(train)
                    .setBaseConfig(base).setOutputDir(out).optThreads(spark.threads);
            if (!"none".equals(valSplit)) {
                b.optValidationData(SplitRef.open(root, train.layout(), valSplit));
            }
            grid.forEach((k, v) -> b.addGrid(k, Arrays.stream(v.split(",")).map(String::trim).toList()));
            List<SweepResult> results = b.build().run();
            String table = table(results);
            System.out.print(table);
            AtomicFiles.writeString(out.resolve("sweep.csv"), csv(results));
            System.out.println("results: " + out.resolve("sweep.csv"));
            return results.stream().anyMatch(r -> r.error() != null) ? 2 : 0;
        } catch (IllegalArgumentException e) {
            throw new Seg4jException(e.getMessage(), e);
        } finally {
            session.stop();
        }
    }

    static String table(List<SweepResult> results) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-32s %-10s %9s %5s %8s  %s%n",
                "run", "metric", "best", "epoch", "seconds", "error"));
        for (SweepResult r : results) {
            sb.append(String.format(Locale.ROOT, "%-32s %-10s %9.4f %5d %8.1f  %s%n", r.name(),
                    r.bestMetricName() == null ? "-" : r.bestMetricName(), r.bestMetric(), r.bestEpoch(), r.seconds(),
                    r.error() == null ? "" : r.error()));
        }
        return sb.toString();
    }

    static String csv(List<SweepResult> results) {
        List<String> lines = new ArrayList<>();
        lines.add("run,metric,best,best_epoch,epochs,seconds,folder,error");
        for (SweepResult r : results) {
            lines.add(String.join(",", r.name(), r.bestMetricName() == null ? "" : r.bestMetricName(),
                    Double.toString(r.bestMetric()), Integer.toString(r.bestEpoch()), Integer.toString(r.epochs()),
                    String.format(Locale.ROOT, "%.1f", r.seconds()), r.outputDir(),
                    r.error() == null ? "" : '"' + r.error().replace("\"", "\"\"") + '"'));
        }
        return String.join("\n", lines) + "\n";
    }
}
