package org.seg4j.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.video.ClipEvaluation;
import org.seg4j.metric.video.TemporalConsistency;
import org.seg4j.opencv.FarnebackFlow;
import org.seg4j.util.AtomicFiles;

/**
 * The TC part of {@code eval --temporal} and its {@code report.md}: TC figures go into the same
 * JSON map as flicker, the report lists every figure of that map plus TC per class.
 */
final class TemporalReport {

    static final String REPORT_FILE = "report.md";

    private TemporalReport() {}

    /** The optical flow for TC, or {@code null} when TC is off; a failure to load OpenCV points at --no-tc. */
    static FarnebackFlow flow(boolean measureTc) {
        if (!measureTc) {
            return null;
        }
        try {
            return FarnebackFlow.defaults();
        } catch (Seg4jException e) {
            throw new Seg4jException(e.getMessage() + "; --no-tc evaluates without TC", e);
        }
    }

    /** Adds the TC figures to {@code json} ({@code tc: null} and nothing else when TC was off). */
    static void putTc(Map<String, Object> json, ClipEvaluation.Result r, String flow) {
        TemporalConsistency tc = r.tc();
        if (tc == null) {
            json.put("tc", null);
            return;
        }
        json.put("tc", finite(tc.tc()));
        json.put("tcMeanOverPairs", finite(tc.meanPairTc()));
        json.put("tcPairs", tc.pairs());
        json.put("tcCoverage", finite(tc.coverage()));
        json.put("flow", flow);
        json.put("flowMillisPerPair", finite(r.flowMillisPerPair()));
    }

    /** The console line for TC, or {@code null} when TC was off. */
    static String consoleLine(ClipEvaluation.Result r) {
        TemporalConsistency tc = r.tc();
        if (tc == null) {
            return null;
        }
        return String.format(Locale.ROOT, "TC %.4f (mean over pairs %.4f; %d pairs, %.1f%% of pixels inside the frame "
                + "after warping); optical flow %.1f ms per pair", tc.tc(), tc.meanPairTc(), tc.pairs(),
                100 * tc.coverage(), r.flowMillisPerPair());
    }

    /** Writes {@code report.md}: the figures of {@code json}, then TC per class when measured. */
    static void writeMarkdown(Path file, Map<String, Object> json, ClipEvaluation.Result r, ClassMeta classes) {
        StringBuilder md = new StringBuilder("# Temporal evaluation\n\n| Figure | Value |\n|:--|--:|\n");
        for (Map.Entry<String, Object> e : json.entrySet()) {
            if (e.getValue() instanceof java.util.List<?>) {
                continue; // the per-pair series: temporal.json and flicker.png
            }
            md.append("| ").append(e.getKey()).append(" | ").append(format(e.getValue())).append(" |\n");
        }
        md.append("\nmIoU and pixel accuracy: labelled frames against their masks. flicker: among pixels whose truth "
                + "is the same valid class in two consecutive labelled frames, the fraction whose prediction changes; "
                + "unlabelledFlicker: the same over all pixels of all consecutive pairs; each pair's values are in "
                + "temporal.json (flickerPerPair, unlabelledFlickerPerPair) and drawn in flicker.png.");
        TemporalConsistency tc = r.tc();
        if (tc != null) {
            md.append(" TC (Liu et al. 2020): IoU between each frame's prediction and the next frame's prediction "
                    + "warped back by optical flow (nearest neighbour; pixels warped from outside the frame left out), "
                    + "per-class intersections and unions summed over all pairs, then the mean over classes; "
                    + "tcMeanOverPairs averages each pair's own mIoU instead.\n\n");
            md.append("## TC per class\n\n| Class | TC IoU |\n|:--|--:|\n");
            double[] iou = tc.perClass();
            for (int c = 0; c < iou.length; c++) {
                md.append("| ").append(classes.name(c).replace("|", "\\|")).append(" | ").append(format(iou[c]))
                        .append(" |\n");
            }
        } else {
            md.append(" TC was not measured (--no-tc).\n");
        }
        AtomicFiles.writeString(file, md.toString());
    }

    private static String format(Object v) {
        if (v == null) {
            return "n/a";
        }
        if (v instanceof Double d) {
            return Double.isNaN(d) ? "n/a" : String.format(Locale.ROOT, "%.4f", d);
        }
        return v.toString().replace("|", "\\|");
    }

    private static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
