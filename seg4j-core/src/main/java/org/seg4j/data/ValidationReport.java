package org.seg4j.data;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The result of {@link SegmentationDataset#validate()}: which samples cannot be loaded, and why,
 * plus warnings about samples that load but look suspicious (see
 * {@link SegmentationDataset#validate(java.util.function.Function)}).
 *
 * @param checked number of samples checked
 * @param problems one entry per bad sample, in data set order
 * @param warnings samples that load but look wrong (a nearly uniform image, say), in data set order
 */
public record ValidationReport(int checked, List<Problem> problems, List<Problem> warnings) {

    /**
     * A bad sample.
     *
     * @param id the sample id
     * @param message what is wrong, naming the file (the message the sample's load would throw)
     */
    public record Problem(String id, String message) {}

    public ValidationReport {
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** A report without warnings. */
    public ValidationReport(int checked, List<Problem> problems) {
        this(checked, problems, List.of());
    }

    /** True if every sample loaded. */
    public boolean isClean() {
        return problems.isEmpty();
    }

    /** Ids of the bad samples, in data set order. */
    public Set<String> badIds() {
        Set<String> ids = new LinkedHashSet<>();
        problems.forEach(p -> ids.add(p.id()));
        return ids;
    }

    /** One line, e.g. {@code checked 367 samples: 2 bad}. */
    public String summary() {
        return "checked " + checked + " samples: " + (problems.isEmpty() ? "all good" : problems.size() + " bad")
                + (warnings.isEmpty() ? "" : ", " + warnings.size() + " with warnings");
    }

    /** The summary followed by one indented line per problem. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(summary());
        for (Problem p : problems) {
            sb.append(System.lineSeparator()).append("  skipped ").append(p.id()).append(": ").append(p.message());
        }
        return sb.toString();
    }
}
