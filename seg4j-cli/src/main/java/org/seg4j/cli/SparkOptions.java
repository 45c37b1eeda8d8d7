package org.seg4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.seg4j.Seg4jException;
import picocli.CommandLine.Option;

/** The options every {@code seg4j spark} command shares: the master, threads, tasks and Spark settings. */
final class SparkOptions {

    @Option(names = "--master", defaultValue = "local[*]",
            description = "Spark master (default: ${DEFAULT-VALUE}); local[N] runs N tasks at once in this process.")
    String master;

    @Option(names = "--threads", defaultValue = "0",
            description = "PyTorch threads per executor JVM (default: 0, PyTorch's choice).")
    int threads;

    @Option(names = "--partitions", defaultValue = "0",
            description = "Number of tasks (default: 4 x the master's parallelism).")
    int partitions;

    @Option(names = "--conf", description = "A Spark setting KEY=VALUE (repeatable).")
    Map<String, String> conf = new LinkedHashMap<>();

    /** A session for this command, bound to the loopback interface when local. */
    SparkSession session(String appName) {
        if (threads < 0 || partitions < 0) {
            throw new Seg4jException("--threads and --partitions must be >= 0");
        }
        SparkSession.Builder b = SparkSession.builder().master(master).appName("seg4j " + appName)
                .config("spark.ui.enabled", "false");
        if (master.startsWith("local")) {
            b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
        }
        conf.forEach(b::config);
        return b.getOrCreate();
    }

    /** The number of tasks for a job on {@code spark}. */
    int tasks(SparkSession spark) {
        return partitions > 0 ? partitions : 4 * spark.sparkContext().defaultParallelism();
    }
}
