package org.seg4j.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.seg4j.bench.LeverComparison;
import org.seg4j.bench.PerfSettings;
import org.seg4j.bench.ResultLine;
import org.seg4j.bench.Seg4jPerfWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seg4j bench perf-worker}: the seg4j side of {@code bench perf} for one model, in its own
 * process; prints one {@link ResultLine}. Hidden: {@code bench perf} starts it. The {@code --no-*}
 * switches turn off one inference optimisation each, to measure what it is worth.
 */
@Command(name = "perf-worker", hidden = true, mixinStandardHelpOptions = true,
        description = "One model's seg4j measurements for bench perf (started by bench perf).")
final class BenchPerfWorkerCommand implements Callable<Integer> {

    @Option(names = "--model", required = true) String model;
    @Option(names = "--width", defaultValue = "32") int width;
    @Option(names = "--classes", defaultValue = "12") int classes;
    @Option(names = "--threads", defaultValue = "2") int threads;
    @Option(names = "--infer-size", defaultValue = "512") int inferSize;
    @Option(names = "--infer-batches", defaultValue = "1,8") String inferBatches;
    @Option(names = "--train-size", defaultValue = "256") int trainSize;
    @Option(names = "--train-batch", defaultValue = "8") int trainBatch;
    @Option(names = "--warmup", defaultValue = "2") int warmup;
    @Option(names = "--runs", defaultValue = "5") int runs;
    @Option(names = "--train-steps", defaultValue = "4") int trainSteps;

    @Option(names = "--no-fold-bn", description = "Keep batch norm as a separate pass.")
    boolean noFold;

    @Option(names = "--grad", description = "Leave autograd recording on at inference.")
    boolean grad;

    @Option(names = "--djl-argmax", description = "Class map with DJL's argMax instead of Java.")
    boolean djlArgmax;

    @Option(names = "--ab", description = "Instead: compare one lever off/on in alternating passes (FOLD, RELEASE,"
            + " JAVA_ARGMAX) at the first inference batch size.")
    LeverComparison.Lever ab;

    @Option(names = "--pairs", defaultValue = "5", description = "Off/on pairs for --ab.")
    int pairs;

    @Override
    public Integer call() {
        if (ab != null) {
            int batch = PerfSettings.parseInts(inferBatches, "--infer-batches").get(0);
            System.out.println(LeverComparison.run(model, width, classes, inferSize, batch, pairs, ab));
            return 0;
        }
        PerfSettings s = new PerfSettings(List.of(model), width, classes, threads, inferSize,
                PerfSettings.parseInts(inferBatches, "--infer-batches"), trainSize, trainBatch, warmup, runs, trainSteps);
        Seg4jPerfWorker.Levers levers = new Seg4jPerfWorker.Levers(!noFold, !grad, !djlArgmax);
        System.out.println(ResultLine.format(Seg4jPerfWorker.run(s, model, levers)));
        return 0;
    }
}
