package org.seg4j.metric.report;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.metric.SegmentationMetrics;
import org.seg4j.metric.instance.ForegroundRestrictedMean;
import org.seg4j.metric.instance.MaskApResult;
import org.seg4j.metric.panoptic.PanopticResult;
import org.seg4j.metric.panoptic.PanopticResult.Average;
import org.seg4j.metric.panoptic.PanopticResult.ClassQuality;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.Json;

/**
 * The report of a panoptic evaluation: PQ, SQ and RQ per class and averaged over all, thing and
 * stuff classes (panopticapi's table), the COCO mask AP of the things and the semantic head's mIoU,
 * as a console table, {@code metrics.json} and {@code report.md}.
 *
 * @param title the report's heading
 * @param pq panoptic quality
 * @param ap mask AP of the thing instances
 * @param semantic metrics of the semantic map
 * @param rand the ISBI 2012 scores of the thing instances, {@code null} if not computed
 * @param images images evaluated
 */
public record PanopticReport(String title, PanopticResult pq, MaskApResult ap, SegmentationMetrics semantic,
        ForegroundRestrictedMean rand, int images) {

    /** The table printed on the terminal. */
    public String consoleTable() {
        StringBuilder out = new StringBuilder();
        int nameWidth = "Things".length();
        for (ClassQuality c : pq.perClass()) {
            nameWidth = Math.max(nameWidth, c.name().length());
        }
        String format = "%-" + nameWidth + "s %6s %8s %8s %8s %6s %6s %6s%n";
        out.append(String.format(Locale.ROOT, format, "Class", "Kind", "PQ", "SQ", "RQ", "TP", "FP", "FN"));
        String rule = "-".repeat(nameWidth + 52) + System.lineSeparator();
        out.append(rule);
        for (ClassQuality c : pq.perClass()) {
            out.append(String.format(Locale.ROOT, format, c.name(), c.isThing() ? "thing" : "stuff",
                    c.counted() ? Fmt.percent(c.pq()) : Fmt.NA, c.counted() ? Fmt.percent(c.sq()) : Fmt.NA,
                    c.counted() ? Fmt.percent(c.rq()) : Fmt.NA, c.tp(), c.fp(), c.fn()));
        }
        out.append(rule);
        String avg = "%-" + nameWidth + "s %6s %8s %8s %8s  (%d classes)%n";
        for (Map.Entry<String, Average> e : averages().entrySet()) {
            Average a = e.getValue();
            out.append(String.format(Locale.ROOT, avg, e.getKey(), "", Fmt.percent(a.pq()), Fmt.percent(a.sq()),
                    Fmt.percent(a.rq()), a.n()));
        }
        out.append(String.format(Locale.ROOT, "mask AP %s | AP50 %s | AP75 %s | semantic mIoU %s | images %d%n",
                Fmt.percent(ap.ap()), Fmt.percent(ap.ap50()), Fmt.percent(ap.ap75()), Fmt.percent(semantic.meanIoU()),
                images));
        if (rand != null) {
            out.append(RandScoresText.line(rand)).append(System.lineSeparator());
        }
        return out.toString();
    }

    private Map<String, Average> averages() {
        Map<String, Average> m = new LinkedHashMap<>();
        m.put("All", pq.all());
        m.put("Things", pq.things());
        m.put("Stuff", pq.stuff());
        return m;
    }

    /** The figures as a JSON-ready map (fractions; {@code null} where undefined). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("images", images);
        Map<String, Object> avg = new LinkedHashMap<>();
        averages().forEach((k, a) -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("pq", orNull(a.pq()));
            e.put("sq", orNull(a.sq()));
            e.put("rq", orNull(a.rq()));
            e.put("n", a.n());
            avg.put(k.toLowerCase(Locale.ROOT), e);
        });
        m.put("panoptic", avg);
        List<Map<String, Object>> per = pq.perClass().stream().map(c -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("class", c.name());
            e.put("isthing", c.isThing());
            e.put("pq", c.counted() ? c.pq() : null);
            e.put("sq", c.counted() ? c.sq() : null);
            e.put("rq", c.counted() ? c.rq() : null);
            e.put("tp", c.tp());
            e.put("fp", c.fp());
            e.put("fn", c.fn());
            return e;
        }).toList();
        m.put("per_class", per);
        m.put("mask_ap", MaskApReport.figures(ap));
        m.put("semantic_miou", orNull(semantic.meanIoU()));
        if (rand != null) {
            m.put("isbi", RandScoresText.figures(rand));
        }
        return m;
    }

    /** The report as Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder("# ").append(title).append("\n\n");
        md.append("| | PQ | SQ | RQ | classes |\n|---|---|---|---|---|\n");
        averages().forEach((k, a) -> md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %d |%n", k,
                Fmt.percent(a.pq()), Fmt.percent(a.sq()), Fmt.percent(a.rq()), a.n())));
        md.append("\n| class | kind | PQ | SQ | RQ | TP | FP | FN |\n|---|---|---|---|---|---|---|---|\n");
        for (ClassQuality c : pq.perClass()) {
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %d | %d | %d |%n", c.name(),
                    c.isThing() ? "thing" : "stuff", c.counted() ? Fmt.percent(c.pq()) : Fmt.NA,
                    c.counted() ? Fmt.percent(c.sq()) : Fmt.NA, c.counted() ? Fmt.percent(c.rq()) : Fmt.NA, c.tp(),
                    c.fp(), c.fn()));
        }
        md.append("\nMask AP (COCO, things): ").append(MaskApReport.figuresLine(ap));
        md.append(String.format(Locale.ROOT, "%n%nSemantic mIoU %s over %d images.%n", Fmt.percent(semantic.meanIoU()),
                images));
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

    private static Object orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
