package org.seg4j.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The comparison table: one row per measurement with the seg4j value, the PyTorch value, their
 * ratio written like {@code 1.23x} and the target for that ratio, if it has one.
 */
public final class PerfTable {

    /** How a ratio is compared with its target value. */
    public enum Bound {
        /** The ratio must be at least the value. */
        AT_LEAST,
        /** The ratio must be at most the value. */
        AT_MOST,
        /** The two values must be equal (parameter counts). */
        EQUAL
    }

    /**
     * A target on the ratio seg4j / PyTorch.
     *
     * @param bound how the ratio is compared
     * @param value the bound
     */
    public record Target(Bound bound, double value) {

        /** Whether {@code ratio} meets the target (with 0.005 of rounding slack, as printed; none for EQUAL). */
        public boolean met(double ratio) {
            return switch (bound) {
                case AT_LEAST -> ratio >= value - 0.005;
                case AT_MOST -> ratio <= value + 0.005;
                case EQUAL -> ratio == value;
            };
        }

        @Override
        public String toString() {
            return switch (bound) {
                case AT_LEAST -> "≥ " + ratio(value);
                case AT_MOST -> "≤ " + ratio(value);
                case EQUAL -> "= " + ratio(value);
            };
        }
    }

    /**
     * One row.
     *
     * @param label what was measured
     * @param seg4j seg4j's value
     * @param pytorch PyTorch's value
     * @param decimals decimals to print the values with
     * @param target target on the ratio, or {@code null}
     */
    public record Row(String label, double seg4j, double pytorch, int decimals, Target target) {

        /** seg4j / PyTorch. */
        public double ratio() {
            return seg4j / pytorch;
        }
    }

    private final List<Row> rows;

    /** A table of {@code rows}. */
    public PerfTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /** The rows. */
    public List<Row> rows() {
        return rows;
    }

    /**
     * The table for matched results: {@code seg4j.get(i)} and {@code pytorch.get(i)} are the same
     * model; {@code loaderSeg4j} and {@code loaderPytorch} may be {@code null} (no loader row).
     */
    public static PerfTable of(List<SideResult> seg4j, List<SideResult> pytorch, SideResult loaderSeg4j,
            SideResult loaderPytorch) {
        if (seg4j.size() != pytorch.size()) {
            throw new IllegalArgumentException(seg4j.size() + " seg4j results but " + pytorch.size() + " PyTorch ones");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < seg4j.size(); i++) {
            SideResult s = seg4j.get(i);
            SideResult p = pytorch.get(i);
            if (!s.model().equals(p.model())) {
                throw new IllegalArgumentException("result " + i + " is " + s.model() + " for seg4j but " + p.model()
                        + " for PyTorch");
            }
            String m = s.model();
            rows.add(new Row(m + ": parameters (incl. BN statistics)", s.parameters(), p.parameters(), 0,
                    new Target(Bound.EQUAL, 1.0)));
            for (Timing t : s.inference()) {
                Timing q = p.inferenceAt(t.batch());
                if (q == null) {
                    continue;
                }
                String what = m + ": inference " + t.size() + "x" + t.size() + " batch " + t.batch();
                double bound = t.batch() > 1 ? 1.2 : 1.0;
                rows.add(new Row(what + ", images/s", t.imagesPerSecond(), q.imagesPerSecond(), 2,
                        new Target(Bound.AT_LEAST, bound)));
                rows.add(new Row(what + ", p50 ms", t.p50Millis(), q.p50Millis(), 0, null));
            }
            if (s.training() != null && p.training() != null) {
                Timing t = s.training();
                rows.add(new Row(m + ": training step " + t.size() + "x" + t.size() + " batch " + t.batch()
                        + ", images/s", t.imagesPerSecond(), p.training().imagesPerSecond(), 2, new Target(Bound.AT_LEAST, 1.0)));
            }
            rows.add(new Row(m + ": peak resident memory, MiB", s.peakRssMb(), p.peakRssMb(), 0,
                    new Target(Bound.AT_MOST, 1.0)));
        }
        if (loaderSeg4j != null && loaderPytorch != null) {
            rows.add(new Row("loader: CamVid decode + augment, images/s", loaderSeg4j.loaderImagesPerSecond(),
                    loaderPytorch.loaderImagesPerSecond(), 1, null));
        }
        return new PerfTable(rows);
    }

    /** A ratio as printed: two decimals and {@code x}, e.g. {@code 1.23x}. */
    public static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }

    /** Number of rows with a target that is not met. */
    public long missedTargets() {
        return rows.stream().filter(r -> r.target() != null && !r.target().met(r.ratio())).count();
    }

    /** The table in Markdown. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append("| measurement | seg4j | PyTorch | seg4j / PyTorch | target | met |\n");
        sb.append("|---|---:|---:|---:|---:|:---:|\n");
        for (Row r : rows) {
            sb.append("| ").append(r.label())
                    .append(" | ").append(value(r.seg4j(), r.decimals()))
                    .append(" | ").append(value(r.pytorch(), r.decimals()))
                    .append(" | ").append(ratio(r.ratio()))
                    .append(" | ").append(r.target() == null ? "" : r.target().toString())
                    .append(" | ").append(r.target() == null ? "" : r.target().met(r.ratio()) ? "yes" : "**no**")
                    .append(" |\n");
        }
        return sb.toString();
    }

    private static String value(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
