package org.seg4j.train.cv;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.Json;

/** Writes a {@link CvSummary} as {@code cv.json} (fractions in 0..1, undefined as null) and {@code cv.md}. */
final class CvReport {

    private CvReport() {}

    /** Writes both files into {@code dir}. */
    static void write(CvSummary s, Path dir) {
        Json.writeJson(dir.resolve(CvSummary.JSON), json(s));
        AtomicFiles.writeString(dir.resolve(CvSummary.MARKDOWN), markdown(s));
    }

    static ObjectNode json(CvSummary s) {
        ObjectNode root = Json.JSON.createObjectNode();
        root.put("scheme", s.scheme());
        root.put("groupBy", s.groupKey());
        root.put("std", "sample standard deviation across folds (divisor n-1)");
        ArrayNode folds = root.putArray("folds");
        for (FoldResult f : s.folds()) {
            ObjectNode o = folds.addObject();
            SegmentationMetrics m = f.metrics();
            o.put("fold", f.state().fold());
            ArrayNode held = o.putArray("heldOut");
            f.state().heldOut().forEach(held::add);
            o.put("runDir", f.runDir().getFileName().toString());
            o.put("trainImages", f.state().trainImages());
            o.put("validationImages", f.evaluatedImages());
            o.put("epochs", f.state().epochs());
            o.put("steps", f.state().steps());
            o.put("stoppedByTimeBudget", f.state().stoppedByTimeBudget());
            fraction(o, "mIoU", m.meanIoU());
            fraction(o, "pixelAccuracy", m.pixelAccuracy());
            ObjectNode iou = o.putObject("classIoU");
            for (int c = 0; c < s.classes().numClasses(); c++) {
                fraction(iou, s.classes().name(c), m.iou()[c]);
            }
        }
        spread(root.putObject("mIoU"), s.meanIoU());
        spread(root.putObject("pixelAccuracy"), s.pixelAccuracy());
        ObjectNode classes = root.putObject("classIoU");
        for (int c = 0; c < s.classes().numClasses(); c++) {
            spread(classes.putObject(s.classes().name(c)), s.classIoU(c));
        }
        return root;
    }

    private static void spread(ObjectNode o, Spread sp) {
        fraction(o, "mean", sp.mean());
        fraction(o, "std", sp.std());
        o.put("folds", sp.count());
    }

    private static void fraction(ObjectNode o, String key, double v) {
        if (Double.isNaN(v)) {
            o.putNull(key);
        } else {
            o.put(key, v);
        }
    }

    static String markdown(CvSummary s) {
        StringBuilder b = new StringBuilder();
        int n = s.folds().size();
        b.append("# Cross-validation: ").append(s.scheme()).append(", ").append(n).append(n == 1 ? " fold" : " folds")
                .append("\n\n");
        b.append("Groups by ").append(s.groupKey()).append(". Each fold trains on the other groups and is scored ")
                .append("on its held-out groups at full resolution (as `seg4j eval`).\n\n");
        b.append(String.format(Locale.ROOT, "**mIoU %s ± %s**, global accuracy %s ± %s (mean ± sample standard "
                + "deviation over %d folds)%n%n", pct(s.meanIoU().mean()), pct(s.meanIoU().std()),
                pct(s.pixelAccuracy().mean()), pct(s.pixelAccuracy().std()), n));
        b.append("| fold | held out | train images | held-out images | epochs | steps | mIoU | global accuracy |\n");
        b.append("|---|---|---|---|---|---|---|---|\n");
        for (FoldResult f : s.folds()) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d | %d | %d | %d | %s | %s |%n", f.state().fold(),
                    String.join(", ", f.state().heldOut()), f.state().trainImages(), f.evaluatedImages(),
                    f.state().epochs(), f.state().steps(), pct(f.metrics().meanIoU()),
                    pct(f.metrics().pixelAccuracy())));
        }
        b.append("\nPer-class IoU:\n\n| class |");
        s.folds().forEach(f -> b.append(' ').append(f.state().fold()).append(" |"));
        b.append(" mean | std |\n|---|");
        s.folds().forEach(f -> b.append("---|"));
        b.append("---|---|\n");
        for (int c = 0; c < s.classes().numClasses(); c++) {
            b.append("| ").append(s.classes().name(c)).append(" |");
            for (FoldResult f : s.folds()) {
                b.append(' ').append(pct(f.metrics().iou()[c])).append(" |");
            }
            Spread sp = s.classIoU(c);
            b.append(' ').append(pct(sp.mean())).append(" | ").append(pct(sp.std())).append(" |\n");
        }
        b.append("\nA class that a fold neither contains nor predicts has no IoU there (n/a) and is left out of ")
                .append("that fold's mIoU and of the class's mean.\n");
        return b.toString();
    }

    static String pct(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
