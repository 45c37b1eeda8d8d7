package org.seg4j.metric.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.data.ClassMeta;
import org.seg4j.metric.instance.ForegroundRestrictedMean;
import org.seg4j.metric.instance.MaskApResult;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.Json;

/**
 * The report of an instance-detector evaluation: pycocotools' twelve mask AP/AR figures and AP per
 * thing class, as a console table, {@code metrics.json} and {@code report.md}.
 *
 * @param title the report's heading
 * @param classes the classes (AP is listed for the thing classes)
 * @param ap the figures
 * @param images images evaluated
 * @param detections instances predicted over all images
 * @param imagesPerSecond prediction and scoring speed
 * @param rand the ISBI 2012 scores of the instances, {@code null} if not computed
 */
public record MaskApReport(String title, ClassMeta classes, MaskApResult ap, int images, long detections,
        double imagesPerSecond, ForegroundRestrictedMean rand) {

    /** The twelve figures by name (fractions; {@code null} where pycocotools gives -1). */
    public static Map<String, Object> figures(MaskApResult ap) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < MaskApResult.NAMES.size(); i++) {
            double v = ap.stats()[i];
            m.put(MaskApResult.NAMES.get(i), v < 0 ? null : v);
        }
        return m;
    }

    /** {@code AP 12.3, AP50 ..., ARl ...} in percent. */
    public static String figuresLine(MaskApResult ap) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < MaskApResult.NAMES.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(MaskApResult.NAMES.get(i)).append(' ')
                    .append(Fmt.percent(ap.stats()[i] < 0 ? Double.NaN : ap.stats()[i]));
        }
        return s.toString();
    }

    /** The table printed on the terminal. */
    public String consoleTable() {
        StringBuilder out = new StringBuilder("Mask AP (COCO: IoU 0.50:0.95, 101 recall points, 100 detections)")
                .append(System.lineSeparator());
        String format = "%8s %8s %8s %8s %8s %8s%n";
        for (int row = 0; row < 2; row++) {
            String[] names = new String[6];
            String[] values = new String[6];
            for (int i = 0; i < 6; i++) {
                int k = 6 * row + i;
                names[i] = MaskApResult.NAMES.get(k);
                values[i] = Fmt.percent(ap.stats()[k] < 0 ? Double.NaN : ap.stats()[k]);
            }
            out.append(String.format(Locale.ROOT, format, (Object[]) names));
            out.append(String.format(Locale.ROOT, format, (Object[]) values));
        }
        int nameWidth = "Class".length();
        for (String c : things()) {
            nameWidth = Math.max(nameWidth, c.length());
        }
        String row = "%-" + nameWidth + "s %8s%n";
        out.append(String.format(Locale.ROOT, row, "Class", "AP"));
        for (int c = 0; c < classes.numClasses(); c++) {
            if (classes.isThing(c)) {
                out.append(String.format(Locale.ROOT, row, classes.name(c), classAp(c)));
            }
        }
        out.append(String.format(Locale.ROOT, "%d images, %d detections%n", images, detections));
        if (rand != null) {
            out.append(RandScoresText.line(rand)).append(System.lineSeparator());
        }
        return out.toString();
    }

    private List<String> things() {
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes.numClasses(); c++) {
            if (classes.isThing(c)) {
                names.add(classes.name(c));
            }
        }
        return names;
    }

    private String classAp(int c) {
        double v = c < ap.perClassAp().size() ? ap.perClassAp().get(c) : -1;
        return v < 0 ? Fmt.NA : Fmt.percent(v);
    }

    /** The figures as a JSON-ready map. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", images);
        m.put("detections", detections);
        m.put("images_per_second", imagesPerSecond);
        m.put("mask_ap", figures(ap));
        List<Map<String, Object>> per = new ArrayList<>();
        for (int c = 0; c < classes.numClasses(); c++) {
            if (classes.isThing(c)) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("class", classes.name(c));
                double v = c < ap.perClassAp().size() ? ap.perClassAp().get(c) : -1;
                e.put("ap", v < 0 ? null : v);
                per.add(e);
            }
        }
        m.put("per_class", per);
        if (rand != null) {
            m.put("isbi", RandScoresText.figures(rand));
        }
        return m;
    }

    /** The report as Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append("COCO mask AP (IoU 0.50:0.95, 101 recall points, 100 detections per image), as pycocotools.\n\n");
        md.append("| ").append(String.join(" | ", MaskApResult.NAMES)).append(" |\n|");
        md.append("---|".repeat(MaskApResult.NAMES.size())).append("\n|");
        for (int i = 0; i < MaskApResult.NAMES.size(); i++) {
            md.append(' ').append(Fmt.percent(ap.stats()[i] < 0 ? Double.NaN : ap.stats()[i])).append(" |");
        }
        md.append("\n\n| class | AP |\n|---|---|\n");
        for (int c = 0; c < classes.numClasses(); c++) {
            if (classes.isThing(c)) {
                md.append("| ").append(classes.name(c)).append(" | ").append(classAp(c)).append(" |\n");
            }
        }
        md.append(String.format(Locale.ROOT, "%n%d images, %d detections, %.2f images/s.%n", images, detections,
                imagesPerSecond));
        if (rand != null) {
            md.append(RandScoresText.markdown(rand));
        }
        return md.toString();
    }

    /** Writes {@code metrics.json} and {@code report.md} into {@code dir}, atomically. */
    public void writeAll(Path dir) {
        Json.writeJson(dir.resolve(MetricsReport.METRICS_JSON), toMap());
        AtomicFiles.writeString(dir.resolve(MetricsReport.REPORT_MD), markdown());
    }
}
