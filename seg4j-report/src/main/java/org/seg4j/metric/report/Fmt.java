package org.seg4j.metric.report;

import java.util.Locale;

/** Number formatting shared by the text reports, independent of the default locale. */
final class Fmt {

    /** What undefined (NaN) metrics print as. */
    static final String NA = "n/a";

    private Fmt() {}

    /** A fraction as a percentage with one decimal, e.g. {@code 0.7234 -> "72.3%"}; NaN as n/a. */
    static String percent(double fraction) {
        return Double.isNaN(fraction) ? NA : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** A count with thousands separators, e.g. {@code 1234567 -> "1,234,567"}. */
    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
