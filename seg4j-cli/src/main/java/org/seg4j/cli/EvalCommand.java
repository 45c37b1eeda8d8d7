package org.seg4j.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.infer.Evaluator;
import org.seg4j.infer.Predictor;
import org.seg4j.metric.report.MetricsReport;
import org.seg4j.metric.report.TrainingCurves;
import org.seg4j.metric.report.TrainingCurvesPlot;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j eval}: metrics of a trained model on a labelled split, with a report. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate a model on a labelled split at full resolution: per-class IoU, mIoU, "
                + "accuracy, precision, recall, F1; writes metrics.json, report.md, confusion.png (and curves.png).")
final class EvalCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model directory (from seg4j train).")
    Path model;

    @Mixin
    DataOptions data;

    @Option(names = "--split", defaultValue = "val", description = "Split to evaluate (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", description = "Report folder (default: <model>/eval-<split>).")
    Path out;

    @ArgGroup(exclusive = false, heading = "Inference%n")
    InferenceOptions inference = new InferenceOptions();

    @Override
    public Integer call() throws Exception {
        Path reportDir = out != null ? out : model.resolve("eval-" + split);
        try (Predictor predictor = Predictor.load(model, inference.toOptions())) {
            SegmentationDataset ds = data.open(split, predictor.classes());
            System.err.printf(Locale.ROOT, "seg4j: evaluating %s on %d images of %s/%s%n", model, ds.size(),
                    data.root, split);
            Evaluator.Result result = Evaluator.evaluate(predictor, ds, System.err);
            MetricsReport report = MetricsReport.of(result.matrix(), predictor.classes(), result.images())
                    .withTitle("Evaluation of " + model.getFileName() + " on " + split
                            + " (" + predictor.describeSettings() + ")");
            write(report, result, model, reportDir);
        }
        return 0;
    }

    /** Writes the report files (and the model's training curves) and prints the table (also for seg4j spark eval). */
    static void write(MetricsReport report, Evaluator.Result result, Path model, Path reportDir) {
        Path history = model.resolve(TrainingCurves.HISTORY_JSON);
        if (Files.isRegularFile(history)) {
            TrainingCurvesPlot.write(reportDir.resolve(TrainingCurvesPlot.FILE_NAME),
                    TrainingCurves.fromHistoryJson(history));
        }
        report.writeAll(reportDir);
        System.out.println(report.consoleTable());
        System.out.printf(Locale.ROOT, "%d images in %.1f s (%.2f images/s); report: %s%n", result.images(),
                result.elapsed().toMillis() / 1000.0, result.imagesPerSecond(),
                reportDir.resolve(MetricsReport.REPORT_MD));
    }
}
