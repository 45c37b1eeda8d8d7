package org.seg4j.evaluation;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.SampleSource;
import org.seg4j.infer.Evaluator;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.metric.report.MetricsReport;
import org.seg4j.metric.report.TrainingCurves;
import org.seg4j.metric.report.TrainingCurvesPlot;

/**
 * What {@code seg4j eval} does, as one call: loads a model directory, runs it over a labelled data
 * set at full resolution ({@link Evaluator}), and writes the report ({@code metrics.json},
 * {@code report.md}, {@code confusion.png}, and {@code curves.png} for trained runs) into a folder.
 * Cross-validation scores its folds through the same call, so the two can never disagree.
 */
public final class ModelEvaluation {

    /**
     * The outcome.
     *
     * @param report the metrics and the confusion matrix they come from
     * @param result images, elapsed time and the matrix
     * @param reportDir where the report was written
     */
    public record Outcome(MetricsReport report, Evaluator.Result result, Path reportDir) {}

    private ModelEvaluation() {}

    /**
     * Evaluates the model in {@code modelDir}.
     *
     * @param modelDir a model directory (a run folder of {@code seg4j train})
     * @param options inference settings (tiling, flip, scales, refinement)
     * @param data opens the data to score, given the model's class list
     * @param dataName what the data is, for the report's title, e.g. {@code val} or {@code train groups [0016E5]}
     * @param reportDir the report folder (created if needed)
     * @param progress where to show progress, {@code null} for none
     */
    public static Outcome run(Path modelDir, PredictorOptions options, Function<ClassMeta, ? extends SampleSource> data,
            String dataName, Path reportDir, PrintStream progress) {
        try (Predictor predictor = Predictor.load(modelDir, options)) {
            SampleSource source = data.apply(predictor.classes());
            Evaluator.Result result = Evaluator.evaluate(predictor, source, progress);
            MetricsReport report = MetricsReport.of(result.matrix(), predictor.classes(), result.images())
                    .withBoundary(result.boundary())
                    .withTitle("Evaluation of " + modelDir.getFileName() + " on " + dataName
                            + " (" + predictor.describeSettings() + ")");
            writeReport(report, modelDir, reportDir);
            return new Outcome(report, result, reportDir);
        }
    }

    /**
     * Writes the report files into {@code reportDir}, with the model's training curves when its
     * run folder has a history (also for evaluations computed elsewhere, such as on Spark).
     */
    public static void writeReport(MetricsReport report, Path modelDir, Path reportDir) {
        Path history = modelDir.resolve(TrainingCurves.HISTORY_JSON);
        if (Files.isRegularFile(history)) {
            TrainingCurvesPlot.write(reportDir.resolve(TrainingCurvesPlot.FILE_NAME),
                    TrainingCurves.fromHistoryJson(history));
        }
        report.writeAll(reportDir);
    }
}
