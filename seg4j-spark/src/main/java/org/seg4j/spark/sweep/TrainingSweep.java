package org.seg4j.spark.sweep;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.seg4j.Seg4jException;
import org.seg4j.spark.ExecutorModels;
import org.seg4j.spark.data.SplitRef;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.TrainResult;
import org.seg4j.train.TrainingRun;
import org.seg4j.util.Json;

/**
 * Independent training runs as Spark tasks, one run per task: a base configuration plus, per run,
 * the settings it changes (a seed, a learning rate...). Each run trains on its executor with the
 * split(s) that every executor opens at the same path and writes its own folder
 * {@code <output>/<name>}, which must therefore be on storage the driver can read afterwards (shared
 * storage, or the local disk in local mode). A run that fails is a result with an error; the others
 * go on. DJL's PyTorch engine trains one model per JVM at a time, so runs on one executor take turns:
 * give each executor one task slot ({@code spark.task.cpus} = {@code spark.executor.cores}).
 *
 * <pre>{@code
 * List<SweepResult> results = TrainingSweep.builder().setSpark(spark)
 *         .setTrainData(SplitRef.open(data, null, "train")).optValidationData(SplitRef.open(data, null, "val"))
 *         .setBaseConfig(TrainConfig.read(Path.of("configs/camvid.yaml"))).setOutputDir(Path.of("/shared/sweep"))
 *         .addGrid("seed", List.of(1, 2, 3)).build().run();
 * }</pre>
 */
public final class TrainingSweep implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final Object TRAIN_LOCK = new Object();

    private final transient SparkSession spark;
    private final SplitRef train;
    private final SplitRef validation;
    private final String baseYaml;
    private final String outputDir;
    private final List<Map<String, Object>> runs;
    private final int threads;

    private TrainingSweep(Builder b) {
        spark = b.spark;
        train = b.train;
        validation = b.validation;
        baseYaml = b.base.toYaml();
        outputDir = b.outputDir.toAbsolutePath().toString();
        runs = b.runs();
        threads = b.threads;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The runs' settings, in order; each map holds what the run changes. */
    public List<Map<String, Object>> runs() {
        return runs;
    }

    /** Trains every run, one per task, and returns the results ordered by the best metric (best first). */
    public List<SweepResult> run() {
        List<Task> tasks = new ArrayList<>();
        for (Map<String, Object> overrides : runs) {
            tasks.add(new Task(runName(overrides), new LinkedHashMap<>(overrides)));
        }
        List<SweepResult> results = new ArrayList<>(JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(tasks, tasks.size())
                .map(this::train)
                .collect());
        boolean lowerIsBetter = results.stream().anyMatch(r -> "train_loss".equals(r.bestMetricName()));
        Comparator<SweepResult> byMetric = Comparator.comparingDouble(
                r -> Double.isNaN(r.bestMetric()) ? Double.POSITIVE_INFINITY
                        : lowerIsBetter ? r.bestMetric() : -r.bestMetric());
        results.sort(byMetric);
        return results;
    }

    /** One run: its folder name and what it changes. */
    private record Task(String name, Map<String, Object> overrides) implements Serializable {}

    private SweepResult train(Task task) {
        // DJL's PyTorch engine allows one gradient collector per JVM at a time: two runs on one
        // executor would fail, so they take turns (set spark.task.cpus to the executor's cores to
        // give each run a whole executor instead of a waiting slot)
        synchronized (TRAIN_LOCK) {
            return trainAlone(task);
        }
    }

    private SweepResult trainAlone(Task task) {
        long t0 = System.nanoTime();
        Path dir = Path.of(outputDir, task.name());
        try {
            ExecutorModels.setThreads(threads);
            Map<String, Object> values = Json.YAML.readValue(baseYaml, new TypeReference<LinkedHashMap<String, Object>>() {});
            values.putAll(task.overrides());
            TrainConfig config = TrainConfig.fromMap(values, "sweep run " + task.name());
            TrainingRun.Builder b = TrainingRun.builder().setTrainData(train.dataset()).setConfig(config)
                    .setOutputDir(dir).optDatasetFingerprint(train.dataset().fingerprint()).optLog(System.err);
            if (validation != null) {
                b.optValidationData(validation.dataset());
            }
            TrainResult r = b.build().fit();
            return new SweepResult(task.name(), task.overrides(), dir.toString(), r.bestMetricName(), r.bestMetric(),
                    r.bestEpoch(), r.epochsCompleted(), seconds(t0), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            String message = e instanceof Seg4jException ? e.getMessage() : e.toString();
            return new SweepResult(task.name(), task.overrides(), dir.toString(), null, Double.NaN, 0, 0, seconds(t0),
                    message);
        }
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    /** {@code seed-1_lr-0.01}: the overrides as a folder name. */
    static String runName(Map<String, Object> overrides) {
        if (overrides.isEmpty()) {
            return "base";
        }
        List<String> parts = new ArrayList<>();
        overrides.forEach((k, v) -> parts.add(k + "-" + v));
        return String.join("_", parts).replaceAll("[^A-Za-z0-9._=-]", "-");
    }

    /** Builds a {@link TrainingSweep}: {@code set*} required, {@code opt*} optional, {@code add*} lists. */
    public static final class Builder {
        private SparkSession spark;
        private SplitRef train;
        private SplitRef validation;
        private TrainConfig base;
        private Path outputDir;
        private final Map<String, List<Object>> grid = new LinkedHashMap<>();
        private final List<Map<String, Object>> explicit = new ArrayList<>();
        private int threads;

        private Builder() {}

        public Builder setSpark(SparkSession v) { spark = v; return this; }

        public Builder setTrainData(SplitRef v) { train = v; return this; }

        public Builder optValidationData(SplitRef v) { validation = v; return this; }

        public Builder setBaseConfig(TrainConfig v) { base = v; return this; }

        /** The folder that holds one sub-folder per run. */
        public Builder setOutputDir(Path v) { outputDir = v; return this; }

        /** PyTorch threads per run (0: PyTorch's default). */
        public Builder optThreads(int v) { threads = v; return this; }

        /** A setting (a key of {@code config.yaml}) and its values: the runs are every combination of the grid. */
        public Builder addGrid(String key, List<?> values) {
            grid.put(key, List.copyOf(values));
            return this;
        }

        /** One run with these settings (added after the grid's runs). */
        public Builder addRun(Map<String, ?> overrides) {
            explicit.add(new LinkedHashMap<>(overrides));
            return this;
        }

        List<Map<String, Object>> runs() {
            List<Map<String, Object>> out = new ArrayList<>();
            if (!grid.isEmpty()) {
                out.add(new LinkedHashMap<>());
                for (Map.Entry<String, List<Object>> e : grid.entrySet()) {
                    List<Map<String, Object>> next = new ArrayList<>();
                    for (Map<String, Object> partial : out) {
                        for (Object v : e.getValue()) {
                            Map<String, Object> m = new LinkedHashMap<>(partial);
                            m.put(e.getKey(), v);
                            next.add(m);
                        }
                    }
                    out = next;
                }
            }
            out.addAll(explicit);
            return out;
        }

        /** Validates the settings (every run's configuration included) and builds the sweep. */
        public TrainingSweep build() {
            if (spark == null || train == null || base == null || outputDir == null) {
                throw new IllegalArgumentException("setSpark, setTrainData, setBaseConfig and setOutputDir are required");
            }
            List<Map<String, Object>> all = runs();
            if (all.isEmpty()) {
                throw new IllegalArgumentException("a sweep needs at least one run: addGrid or addRun");
            }
            for (Map<String, Object> r : all) {
                Map<String, Object> values = new LinkedHashMap<>(base.toMap());
                values.putAll(r);
                TrainConfig.fromMap(values, "sweep run " + runName(r));
            }
            if (all.stream().map(TrainingSweep::runName).distinct().count() != all.size()) {
                throw new IllegalArgumentException("two sweep runs have the same settings: " + all);
            }
            return new TrainingSweep(this);
        }
    }
}
