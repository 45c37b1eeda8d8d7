package org.seg4j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code seg4j spark}: the Spark jobs, run in local mode (a cluster runs them through spark-submit). */
@Command(name = "spark", mixinStandardHelpOptions = true,
        description = "Run seg4j's Spark jobs in local mode: predict (Parquet), stats, validate, eval, sweep. On a "
                + "cluster, submit the same jobs with spark-submit (docs/spark.md).",
        subcommands = {
            SparkPredictCommand.class,
            SparkStatsCommand.class,
            SparkValidateCommand.class,
            SparkEvalCommand.class,
            SparkSweepCommand.class,
        })
final class SparkCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }
}
