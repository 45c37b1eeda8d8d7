package org.seg4j.spark.eval;

import java.time.Duration;
import org.apache.spark.sql.SparkSession;
import org.seg4j.infer.Evaluator;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.spark.ExecutorModels;
import org.seg4j.spark.ModelSource;
import org.seg4j.spark.data.SplitRef;

/**
 * Evaluates a model on a data set split with a Spark job: each task runs {@link Evaluator} on its
 * slice with a predictor over its executor's model, and the driver adds the tasks' confusion
 * matrices, so every figure equals what {@code seg4j eval} derives on one machine.
 */
public final class DistributedEvaluation {

    private DistributedEvaluation() {}

    /**
     * Evaluates with default predictor options.
     *
     * @param threads PyTorch threads per executor JVM; 0 for PyTorch's default
     * @param parts number of tasks
     */
    public static Evaluator.Result evaluate(SparkSession spark, ModelSource model, SplitRef split, int threads,
            int parts) {
        long t0 = System.nanoTime();
        long[][] rows = split.ranges(spark, parts)
                .map(r -> {
                    try (Predictor predictor = ExecutorModels.predictor(model, PredictorOptions.defaults(), threads)) {
                        return Evaluator.evaluate(predictor, split.slice(r[0], r[1]), null).matrix().toRows();
                    }
                })
                .reduce((a, b) -> {
                    ConfusionMatrix m = ConfusionMatrix.of(a);
                    m.merge(ConfusionMatrix.of(b));
                    return m.toRows();
                });
        // boundary F is not gathered across executors yet (docs/spark.md): only the confusion-matrix figures
        return new Evaluator.Result(ConfusionMatrix.of(rows), null, split.size(), Duration.ofNanos(System.nanoTime() - t0));
    }
}
