package org.seg4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.seg4j.evaluation.ModelEvaluation;
import org.seg4j.infer.Evaluator;
import org.seg4j.metric.report.MetricsReport;
import org.seg4j.spark.ModelSource;
import org.seg4j.spark.data.SplitRef;
import org.seg4j.spark.eval.DistributedEvaluation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j spark eval}: {@code eval} as a Spark job; confusion matrices per task, summed. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "eval as a Spark job: one confusion matrix per task, summed on the driver; the same figures "
                + "and report files as seg4j eval (default inference settings).")
final class SparkEvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model directory.")
    Path model;

    @Option(names = "--data", required = true, description = "Data set root folder (same path on every executor).")
    Path root;

    @Option(names = "--layout", description = "folder, camvid, voc or cityscapes (detected when omitted).")
    String layout;

    @Option(names = "--split", defaultValue = "val", description = "Split to evaluate (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", description = "Report folder (default: <model>/eval-<split>).")
    Path out;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        Path reportDir = out != null ? out : model.resolve("eval-" + split);
        SplitRef ref = SplitRef.open(root, layout, split);
        SparkSession session = spark.session("eval");
        try {
            Evaluator.Result result = DistributedEvaluation.evaluate(session, ModelSource.ship(session, model), ref,
                    spark.threads, spark.tasks(session));
            MetricsReport report = MetricsReport.of(result.matrix(), ref.dataset().classes(), result.images())
                    .withTitle("Evaluation of " + model.getFileName() + " on " + split + " (Spark, " + spark.master + ")");
            ModelEvaluation.writeReport(report, model, reportDir);
            EvalCommand.print(report, result, reportDir);
            return 0;
        } finally {
            session.stop();
        }
    }
}
