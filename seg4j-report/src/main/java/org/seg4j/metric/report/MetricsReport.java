package org.seg4j.metric.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.seg4j.data.ClassMeta;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.metric.boundary.BoundaryScore;

/**
 * The outcome of one evaluation with everything needed to present it: the metrics, the confusion
 * matrix they come from, the class names and colours, and the number of images. It writes
 * {@code metrics.json}, {@code report.md} and {@code confusion.png} and renders the console table.
 *
 * <pre>
 * MetricsReport report = MetricsReport.of(matrix, classes, images);
 * System.out.println(report.consoleTable());
 * report.writeAll(outputDir);
 * </pre>
 *
 * @param title heading of the Markdown report, e.g. the model and data set names
 * @param metrics the metrics derived from {@code matrix}
 * @param matrix pixel counts, rows = truth
 * @param classes class names and colours; one per matrix row
 * @param numImages number of images evaluated
 * @param boundary boundary F-scores per class, or {@code null} when not measured (training-time validation)
 */
public record MetricsReport(String title, SegmentationMetrics metrics, ConfusionMatrix matrix, ClassMeta classes,
        int numImages, BoundaryScore boundary) {

    /** Default heading of the Markdown report. */
    public static final String DEFAULT_TITLE = "Evaluation report";

    /** File name of the JSON metrics. */
    public static final String METRICS_JSON = "metrics.json";

    /** File name of the Markdown report. */
    public static final String REPORT_MD = "report.md";

    /** File name of the confusion-matrix heat map. */
    public static final String CONFUSION_PNG = "confusion.png";

    public MetricsReport {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(classes, "classes");
        if (matrix.numClasses() != classes.numClasses() || metrics.numClasses() != classes.numClasses()) {
            throw new IllegalArgumentException("the class list has " + classes.numClasses() + " classes but the"
                    + " confusion matrix has " + matrix.numClasses() + " and the metrics " + metrics.numClasses());
        }
        if (numImages < 0) {
            throw new IllegalArgumentException("numImages must not be negative, got " + numImages);
        }
        if (boundary != null && boundary.numClasses() != classes.numClasses()) {
            throw new IllegalArgumentException("the class list has " + classes.numClasses() + " classes but the"
                    + " boundary score has " + boundary.numClasses());
        }
        title = title == null || title.isBlank() ? DEFAULT_TITLE : title;
    }

    /** A report with the default title, its metrics derived from {@code matrix}. */
    public static MetricsReport of(ConfusionMatrix matrix, ClassMeta classes, int numImages) {
        return new MetricsReport(DEFAULT_TITLE, matrix.metrics(), matrix, classes, numImages, null);
    }

    /** The same report under another title. */
    public MetricsReport withTitle(String newTitle) {
        return new MetricsReport(newTitle, metrics, matrix, classes, numImages, boundary);
    }

    /** The same report with boundary F-scores (shown in every form of the report). */
    public MetricsReport withBoundary(BoundaryScore score) {
        return new MetricsReport(title, metrics, matrix, classes, numImages, score);
    }

    /** Writes {@code metrics.json}-style content to {@code file}, atomically. */
    public void writeJson(Path file) {
        MetricsJson.write(file, this);
    }

    /**
     * Writes the Markdown report to {@code file}, atomically. It links {@value #CONFUSION_PNG} and
     * {@value TrainingCurvesPlot#FILE_NAME} when they exist next to {@code file}.
     */
    public void writeMarkdown(Path file) {
        MarkdownReport.write(file, this);
    }

    /** Writes the confusion-matrix heat map as PNG, atomically. */
    public void writeConfusionPng(Path file) {
        ConfusionMatrixPlot.write(file, matrix, classes.names());
    }

    /** The fixed-width table for the terminal, one line per class plus a mean row and a summary. */
    public String consoleTable() {
        return ConsoleTable.render(this);
    }

    /**
     * Writes {@value #METRICS_JSON}, {@value #CONFUSION_PNG} and {@value #REPORT_MD} into {@code dir}
     * (created if needed); the report links the heat map and, when present, the training curves.
     */
    public void writeAll(Path dir) {
        writeJson(dir.resolve(METRICS_JSON));
        writeConfusionPng(dir.resolve(CONFUSION_PNG));
        writeMarkdown(dir.resolve(REPORT_MD));
    }

    /** Name of class {@code id}. */
    String className(int id) {
        return classes.name(id);
    }

    /** Whether {@code name} exists next to {@code file}. */
    static boolean sibling(Path file, String name) {
        Path parent = file.toAbsolutePath().getParent();
        return parent != null && Files.isRegularFile(parent.resolve(name));
    }
}
