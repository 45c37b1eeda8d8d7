package org.seg4j.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.quality.DatasetCheck;
import org.seg4j.data.quality.DatasetStats;
import org.seg4j.infer.Evaluator;
import org.seg4j.metric.report.ClassHistogramChart;
import org.seg4j.metric.report.MetricsReport;
import org.seg4j.spark.data.DistributedDataStats;
import org.seg4j.spark.data.DistributedValidation;
import org.seg4j.spark.data.SplitRef;
import org.seg4j.spark.eval.DistributedEvaluation;
import org.seg4j.spark.predict.BatchPrediction;
import org.seg4j.util.Json;

/**
 * The {@code spark-submit} entry point ({@code --class org.seg4j.spark.SparkMain}). The master,
 * executors and memory come from {@code spark-submit}; the arguments name the job:
 *
 * <pre>
 * predict  --model DIR --input PATH --output PATH [--glob G] [--partitions N] [--threads T]
 *          [--colors PATH] [--model-on-shared-storage] [--overwrite]
 * stats    --data DIR --split S [--split S2...] --out DIR [--partitions N]
 * validate --data DIR --split S [--split S2...] [--report-json FILE] [--partitions N]
 * eval     --model DIR --data DIR --split S --out DIR [--partitions N] [--threads T]
 * </pre>
 *
 * <p>{@code --layout L} selects the data set layout (detected otherwise). Data sets, and the
 * model with {@code --model-on-shared-storage}, must be at the same path on every executor. The
 * exit status is 1 when {@code validate} finds errors.
 */
public final class SparkMain {

    private static final Set<String> FLAGS = Set.of("--model-on-shared-storage", "--overwrite");

    private SparkMain() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            throw new Seg4jException("usage: SparkMain predict|stats|validate|eval --option value...");
        }
        Map<String, List<String>> o = parse(args);
        SparkSession spark = SparkSession.builder().appName("seg4j " + args[0]).getOrCreate();
        int status;
        try {
            status = run(spark, args[0], o);
        } finally {
            spark.stop();
        }
        if (status != 0) {
            System.exit(status);
        }
    }

    static int run(SparkSession spark, String job, Map<String, List<String>> o) {
        int parts = Integer.parseInt(one(o, "--partitions", "0"));
        int threads = Integer.parseInt(one(o, "--threads", "0"));
        int tasks = parts > 0 ? parts : 4 * spark.sparkContext().defaultParallelism();
        switch (job) {
            case "predict" -> {
                Path model = Path.of(one(o, "--model", null));
                ModelSource source = o.containsKey("--model-on-shared-storage")
                        ? ModelSource.shared(model) : ModelSource.ship(spark, model);
                BatchPrediction.Builder b = BatchPrediction.builder().setSpark(spark).setModel(source)
                        .setInput(one(o, "--input", null)).setOutput(one(o, "--output", null))
                        .optGlob(one(o, "--glob", BatchPrediction.DEFAULT_GLOB))
                        .optPartitions(parts).optThreads(threads).optOverwrite(o.containsKey("--overwrite"));
                if (o.containsKey("--colors")) {
                    b.optColorDir(one(o, "--colors", null));
                }
                System.out.println(b.build().run().describe());
                return 0;
            }
            case "stats" -> {
                Path out = Path.of(one(o, "--out", null));
                DatasetStats stats = DistributedDataStats.compute(spark, splits(o), tasks);
                System.out.println(stats.text());
                Json.writeJson(out.resolve("stats.json"), stats.toJson());
                ClassHistogramChart.write(out.resolve(ClassHistogramChart.FILE_NAME), stats);
                return 0;
            }
            case "validate" -> {
                List<DatasetCheck> checks = new ArrayList<>();
                for (SplitRef split : splits(o)) {
                    DatasetCheck check = DistributedValidation.check(spark, split, DatasetCheck.DEFAULT_UNIFORM_STD,
                            0.5, tasks);
                    check.lines().forEach(System.out::println);
                    checks.add(check);
                }
                if (o.containsKey("--report-json")) {
                    SplitRef first = splits(o).get(0);
                    DatasetCheck.writeJson(Path.of(one(o, "--report-json", null)), Path.of(first.root()),
                            first.layout(), checks);
                }
                return checks.stream().mapToInt(DatasetCheck::errorCount).sum() > 0 ? 1 : 0;
            }
            case "eval" -> {
                ModelSource model = ModelSource.ship(spark, Path.of(one(o, "--model", null)));
                SplitRef split = splits(o).get(0);
                Evaluator.Result result = DistributedEvaluation.evaluate(spark, model, split, threads, tasks);
                ClassMeta classes = split.dataset().classes();
                MetricsReport report = MetricsReport.of(result.matrix(), classes, result.images());
                System.out.println(report.consoleTable());
                report.writeAll(Path.of(one(o, "--out", null)));
                return 0;
            }
            default -> throw new Seg4jException("unknown job '" + job + "'; jobs: predict, stats, validate, eval");
        }
    }

    private static List<SplitRef> splits(Map<String, List<String>> o) {
        Path data = Path.of(one(o, "--data", null));
        String layout = one(o, "--layout", "");
        List<SplitRef> out = new ArrayList<>();
        for (String s : o.getOrDefault("--split", List.of())) {
            out.add(SplitRef.open(data, layout.isEmpty() ? null : layout, s));
        }
        if (out.isEmpty()) {
            throw new Seg4jException("--split is required");
        }
        return out;
    }

    static Map<String, List<String>> parse(String[] args) {
        Map<String, List<String>> o = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new Seg4jException("unexpected argument '" + a + "'; options start with --");
            }
            if (FLAGS.contains(a)) {
                o.put(a, List.of());
            } else if (i + 1 >= args.length) {
                throw new Seg4jException(a + " needs a value");
            } else {
                o.computeIfAbsent(a, k -> new ArrayList<>()).add(args[++i]);
            }
        }
        return o;
    }

    private static String one(Map<String, List<String>> o, String name, String fallback) {
        List<String> v = o.get(name);
        if (v == null || v.isEmpty()) {
            if (fallback == null) {
                throw new Seg4jException(name + " is required");
            }
            return fallback;
        }
        return v.get(v.size() - 1);
    }
}
