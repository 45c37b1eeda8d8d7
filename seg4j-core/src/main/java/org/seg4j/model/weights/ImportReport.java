package org.seg4j.model.weights;

import java.util.List;
import java.util.Locale;

/**
 * What an import did: every seg4j parameter it filled or not, every source array it used or not.
 * Nothing is left out: an array that fills nothing is either {@link #ignored} (the mapping table
 * knows it has no counterpart, and says why) or {@link #unused}.
 *
 * @param filled seg4j parameter arrays filled from the file
 * @param total seg4j parameter arrays of the network
 * @param sourcePrefix key prefix of the file's arrays that the table was matched under (often empty)
 * @param unfilled seg4j parameters left at their initialisation, as {@code name (shape)}
 * @param unused source arrays that fill nothing and that the table does not expect, as {@code name (shape)}
 * @param ignored source arrays the table expects to stay unused, as {@code name: reason}
 */
public record ImportReport(int filled, int total, String sourcePrefix, List<String> unfilled,
        List<String> unused, List<String> ignored) {

    public ImportReport {
        unfilled = List.copyOf(unfilled);
        unused = List.copyOf(unused);
        ignored = List.copyOf(ignored);
    }

    /** Whether every parameter was filled and every array used or expected unused. */
    public boolean complete() {
        return unfilled.isEmpty() && unused.isEmpty();
    }

    /** The summary line. */
    public String summary() {
        return String.format(Locale.ROOT, "%d of %d parameter arrays filled%s; %d left at initialisation, "
                + "%d source arrays unused, %d ignored", filled, total,
                sourcePrefix.isEmpty() ? "" : " (source keys under '" + sourcePrefix + "')",
                unfilled.size(), unused.size(), ignored.size());
    }

    /** The summary line and every list, one item per line. */
    public String describe() {
        StringBuilder sb = new StringBuilder(summary());
        section(sb, "left at initialisation", unfilled);
        section(sb, "unused source arrays", unused);
        section(sb, "ignored source arrays", ignored);
        return sb.toString();
    }

    private static void section(StringBuilder sb, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        sb.append('\n').append(title).append(" (").append(items.size()).append("):");
        for (String item : items) {
            sb.append("\n  ").append(item);
        }
    }
}
