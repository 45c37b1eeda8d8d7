package org.seg4j.metric.report;

import java.util.Locale;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.metric.boundary.BoundaryScore;

/**
 * The fixed-width metrics table printed on the terminal: one line per class (IoU, precision,
 * recall, F1 and, when measured, the boundary F-score as percentages with one decimal, n/a when
 * undefined, and the pixel count), a mean row and a one-line summary of the global metrics.
 */
final class ConsoleTable {

    private static final String[] HEADERS = {"IoU", "Precision", "Recall", "F1"};
    private static final String BOUNDARY_HEADER = "Boundary F";
    private static final int BOUNDARY_WIDTH = BOUNDARY_HEADER.length() + 2;
    private static final int VALUE_WIDTH = 10;

    private ConsoleTable() {}

    static String render(MetricsReport report) {
        SegmentationMetrics m = report.metrics();
        int n = m.numClasses();
        int nameWidth = "class".length();
        for (int c = 0; c < n; c++) {
            nameWidth = Math.max(nameWidth, report.className(c).length());
        }
        int pixelsWidth = Math.max("Pixels".length(), Fmt.count(report.matrix().total()).length());
        BoundaryScore b = report.boundary();
        int boundaryWidth = b == null ? 0 : BOUNDARY_WIDTH;
        String rowFormat = "%-" + nameWidth + "s" + ("%" + VALUE_WIDTH + "s").repeat(HEADERS.length)
                + (b == null ? "" : "%" + boundaryWidth + "s") + "  %" + pixelsWidth + "s%n";
        String rule = "-".repeat(nameWidth + VALUE_WIDTH * HEADERS.length + boundaryWidth + 2 + pixelsWidth)
                + System.lineSeparator();

        StringBuilder out = new StringBuilder();
        out.append(row(rowFormat, b != null, "Class", HEADERS[0], HEADERS[1], HEADERS[2], HEADERS[3],
                BOUNDARY_HEADER, "Pixels"));
        out.append(rule);
        double[] iou = m.iou();
        double[] precision = m.precision();
        double[] recall = m.recall();
        double[] f1 = m.f1();
        double[] bf = b == null ? new double[n] : b.f1();
        long[] support = m.support();
        for (int c = 0; c < n; c++) {
            out.append(row(rowFormat, b != null, report.className(c), Fmt.percent(iou[c]), Fmt.percent(precision[c]),
                    Fmt.percent(recall[c]), Fmt.percent(f1[c]), Fmt.percent(bf[c]), Fmt.count(support[c])));
        }
        out.append(rule);
        out.append(row(rowFormat, b != null, "mean", Fmt.percent(m.meanIoU()), Fmt.percent(m.meanPrecision()),
                Fmt.percent(m.meanRecall()), Fmt.percent(m.meanF1()), b == null ? "" : Fmt.percent(b.meanF1()),
                Fmt.count(report.matrix().total())));
        out.append(String.format(Locale.ROOT, "mIoU %s | pixel accuracy %s | mean class accuracy %s | fwIoU %s"
                        + " | images %d%n",
                Fmt.percent(m.meanIoU()), Fmt.percent(m.pixelAccuracy()), Fmt.percent(m.meanClassAccuracy()),
                Fmt.percent(m.frequencyWeightedIoU()), report.numImages()));
        if (b != null) {
            out.append(String.format(Locale.ROOT, "boundary F: matched within %s%n", b.tolerance().describe()));
        }
        return out.toString();
    }

    private static String row(String format, boolean boundary, String name, String iou, String precision,
            String recall, String f1, String boundaryF, String pixels) {
        return boundary
                ? String.format(Locale.ROOT, format, name, iou, precision, recall, f1, boundaryF, pixels)
                : String.format(Locale.ROOT, format, name, iou, precision, recall, f1, pixels);
    }
}
