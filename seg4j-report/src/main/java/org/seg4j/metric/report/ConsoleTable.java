package org.seg4j.metric.report;

import java.util.Locale;
import org.seg4j.metric.SegmentationMetrics;

/**
 * The fixed-width metrics table printed on the terminal: one line per class (IoU, precision,
 * recall, F1 as percentages with one decimal, n/a when undefined, and the pixel count), a mean row
 * and a one-line summary of the global metrics.
 */
final class ConsoleTable {

    private static final String[] HEADERS = {"IoU", "Precision", "Recall", "F1"};
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
        String rowFormat = "%-" + nameWidth + "s" + ("%" + VALUE_WIDTH + "s").repeat(HEADERS.length)
                + "  %" + pixelsWidth + "s%n";
        String rule = "-".repeat(nameWidth + VALUE_WIDTH * HEADERS.length + 2 + pixelsWidth)
                + System.lineSeparator();

        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, rowFormat, "Class", HEADERS[0], HEADERS[1], HEADERS[2], HEADERS[3],
                "Pixels"));
        out.append(rule);
        double[] iou = m.iou();
        double[] precision = m.precision();
        double[] recall = m.recall();
        double[] f1 = m.f1();
        long[] support = m.support();
        for (int c = 0; c < n; c++) {
            out.append(String.format(Locale.ROOT, rowFormat, report.className(c), Fmt.percent(iou[c]),
                    Fmt.percent(precision[c]), Fmt.percent(recall[c]), Fmt.percent(f1[c]), Fmt.count(support[c])));
        }
        out.append(rule);
        out.append(String.format(Locale.ROOT, rowFormat, "mean", Fmt.percent(m.meanIoU()),
                Fmt.percent(m.meanPrecision()), Fmt.percent(m.meanRecall()), Fmt.percent(m.meanF1()),
                Fmt.count(report.matrix().total())));
        out.append(String.format(Locale.ROOT, "mIoU %s | pixel accuracy %s | mean class accuracy %s | fwIoU %s"
                        + " | images %d%n",
                Fmt.percent(m.meanIoU()), Fmt.percent(m.pixelAccuracy()), Fmt.percent(m.meanClassAccuracy()),
                Fmt.percent(m.frequencyWeightedIoU()), report.numImages()));
        return out.toString();
    }
}
