package org.seg4j.metric.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.seg4j.metric.instance.ForegroundRestrictedMean;
import org.seg4j.metric.instance.ForegroundRestrictedScores;

/** The ISBI 2012 scores of an instance evaluation as a report line, Markdown and JSON. */
final class RandScoresText {

    private RandScoresText() {}

    /** {@code V^Rand 0.912 (split 0.95, merge 0.88), V^Info ..., VI ... nats (n images)}. */
    static String line(ForegroundRestrictedMean rand) {
        ForegroundRestrictedScores m = rand.mean();
        return String.format(Locale.ROOT, "ISBI 2012 (mean of %d images): V^Rand %.4f (split %.4f, merge %.4f, "
                + "Rand error %.4f) | V^Info %.4f (split %.4f, merge %.4f, information error %.4f) | VI %.4f nats",
                rand.images(), m.vRand(), m.randSplit(), m.randMerge(), m.randError(), m.vInfo(), m.infoSplit(),
                m.infoMerge(), m.infoError(), m.variationOfInformation());
    }

    /** The Markdown paragraph. */
    static String markdown(ForegroundRestrictedMean rand) {
        ForegroundRestrictedScores m = rand.mean();
        return String.format(Locale.ROOT, "%nISBI 2012 scores of the thing instances (foreground-restricted, mean of %d "
                + "images%s):%n%n| V^Rand | split | merge | Rand error | V^Info | split | merge | information error | VI "
                + "(nats) |%n|---|---|---|---|---|---|---|---|---|%n| %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | "
                + "%.4f | %.4f |%n", rand.images(), rand.skipped() == 0 ? ""
                        : ", " + rand.skipped() + " without objects left out", m.vRand(), m.randSplit(), m.randMerge(),
                m.randError(), m.vInfo(), m.infoSplit(), m.infoMerge(), m.infoError(), m.variationOfInformation());
    }

    /** The figures for {@code metrics.json} ({@code null} where undefined). */
    static Map<String, Object> figures(ForegroundRestrictedMean rand) {
        ForegroundRestrictedScores m = rand.mean();
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("images", rand.images());
        f.put("skipped", rand.skipped());
        f.put("v_rand", orNull(m.vRand()));
        f.put("v_rand_split", orNull(m.randSplit()));
        f.put("v_rand_merge", orNull(m.randMerge()));
        f.put("rand_error", orNull(m.randError()));
        f.put("v_info", orNull(m.vInfo()));
        f.put("v_info_split", orNull(m.infoSplit()));
        f.put("v_info_merge", orNull(m.infoMerge()));
        f.put("info_error", orNull(m.infoError()));
        f.put("variation_of_information", orNull(m.variationOfInformation()));
        return f;
    }

    private static Object orNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
