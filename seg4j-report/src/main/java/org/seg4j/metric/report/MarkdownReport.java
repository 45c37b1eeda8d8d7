package org.seg4j.metric.report;

import java.nio.file.Path;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.metric.boundary.BoundaryScore;
import org.seg4j.util.AtomicFiles;

/**
 * The {@code report.md} form of a {@link MetricsReport}: a summary table, a per-class table with
 * n/a for undefined values (with a boundary F-score column when measured), and links to the heat map and training curves when they exist.
 */
final class MarkdownReport {

    private MarkdownReport() {}

    /** Writes the report to {@code file}, linking the PNGs that exist next to it. */
    static void write(Path file, MetricsReport report) {
        boolean confusion = MetricsReport.sibling(file, MetricsReport.CONFUSION_PNG);
        boolean curves = MetricsReport.sibling(file, TrainingCurvesPlot.FILE_NAME);
        AtomicFiles.writeString(file, render(report, confusion, curves));
    }

    /** The Markdown text; the flags say which images to link. */
    static String render(MetricsReport report, boolean linkConfusion, boolean linkCurves) {
        SegmentationMetrics m = report.metrics();
        BoundaryScore b = report.boundary();
        StringBuilder md = new StringBuilder();
        md.append("# ").append(escape(report.title())).append("\n\n");

        md.append("## Summary\n\n");
        md.append("| Metric | Value |\n");
        md.append("|:--|--:|\n");
        summaryRow(md, "mIoU", Fmt.percent(m.meanIoU()));
        summaryRow(md, "Pixel accuracy", Fmt.percent(m.pixelAccuracy()));
        summaryRow(md, "Mean class accuracy", Fmt.percent(m.meanClassAccuracy()));
        summaryRow(md, "Frequency-weighted IoU", Fmt.percent(m.frequencyWeightedIoU()));
        summaryRow(md, "Mean F1 (Dice)", Fmt.percent(m.meanF1()));
        if (b != null) {
            summaryRow(md, "Mean boundary F (within " + b.tolerance().describe() + ")", Fmt.percent(b.meanF1()));
        }
        summaryRow(md, "Images", Fmt.count(report.numImages()));
        summaryRow(md, "Labelled pixels", Fmt.count(report.matrix().total()));
        md.append('\n');

        md.append("## Per-class results\n\n");
        md.append("| Class | IoU | Precision | Recall | F1 |").append(b == null ? "" : " Boundary F |")
                .append(" Pixels |\n");
        md.append("|:--|--:|--:|--:|--:|").append(b == null ? "" : "--:|").append("--:|\n");
        double[] bf = b == null ? null : b.f1();
        double[] iou = m.iou();
        double[] precision = m.precision();
        double[] recall = m.recall();
        double[] f1 = m.f1();
        long[] support = m.support();
        for (int c = 0; c < m.numClasses(); c++) {
            md.append("| ").append(escape(report.className(c)))
                    .append(" | ").append(Fmt.percent(iou[c]))
                    .append(" | ").append(Fmt.percent(precision[c]))
                    .append(" | ").append(Fmt.percent(recall[c]))
                    .append(" | ").append(Fmt.percent(f1[c]))
                    .append(b == null ? "" : " | " + Fmt.percent(bf[c]))
                    .append(" | ").append(Fmt.count(support[c]))
                    .append(" |\n");
        }
        md.append("| **mean** | **").append(Fmt.percent(m.meanIoU()))
                .append("** | **").append(Fmt.percent(m.meanPrecision()))
                .append("** | **").append(Fmt.percent(m.meanRecall()))
                .append("** | **").append(Fmt.percent(m.meanF1()))
                .append(b == null ? "" : "** | **" + Fmt.percent(b.meanF1()))
                .append("** | **").append(Fmt.count(report.matrix().total()))
                .append("** |\n\n");
        md.append("Pixels are labelled (non-void) ground-truth pixels of the class. n/a marks a value that is"
                + " undefined because its denominator is zero (e.g. a class neither present nor predicted);"
                + " such values are left out of the means.\n");
        if (b != null) {
            md.append("\nBoundary F is the F-score of the class's boundary pixels (a pixel of the class with a"
                    + " 4-neighbour of another class; void pixels excluded): a predicted boundary pixel counts as"
                    + " correct when a true one lies within ").append(b.tolerance().describe())
                    .append(", and a true one as found when a predicted one does; counts are summed over all"
                    + " images.\n");
        }

        if (linkConfusion) {
            md.append("\n## Confusion matrix\n\n");
            md.append("Rows are true classes, columns predicted classes; each row is normalised to 100 %"
                    + " (the diagonal is the per-class recall).\n\n");
            md.append("![Confusion matrix](").append(MetricsReport.CONFUSION_PNG).append(")\n");
        }
        if (linkCurves) {
            md.append("\n## Training curves\n\n");
            md.append("![Training curves](").append(TrainingCurvesPlot.FILE_NAME).append(")\n");
        }
        return md.toString();
    }

    private static void summaryRow(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    // Class names come from user files; a '|' would break the table.
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ");
    }
}
