package org.seg4j.data.group;

import java.nio.file.Path;
import java.util.Optional;
import org.seg4j.Seg4jException;
import org.seg4j.data.layout.DatasetEntry;

/**
 * How the group of a sample is derived from its image file: a regular expression on the file name
 * with one capture group ({@link #regex}), or a CSV file mapping file names to groups ({@link #csv}).
 * Samples of one group (frames of one video sequence) are alike, so a validation set that shares
 * groups with the training set measures memory rather than generalisation.
 *
 * <pre>
 * GroupKey key = GroupKey.parse("^([^_]+)_");          // 0016E5_07959.png -&gt; 0016E5
 * GroupKey fromCsv = GroupKey.parse("csv:groups.csv");  // file,group rows
 * </pre>
 */
public interface GroupKey {

    /** The CamVid sequence: the file-name prefix before the first underscore ({@code 0016E5_07959.png}). */
    String CAMVID_SEQUENCE = "^([^_]+)_";

    /** Prefix of a {@link #parse} specification that names a CSV file. */
    String CSV_PREFIX = "csv:";

    /**
     * The group of one sample; a sample that has none (a file name the expression does not match, a
     * file missing from the CSV) is an error naming the file.
     */
    String groupOf(DatasetEntry entry);

    /** One line for messages and logs, e.g. {@code regex ^([^_]+)_ on the file name}. */
    String describe();

    /** A key from a regular expression with exactly one capture group, matched against the file name. */
    static GroupKey regex(String regex) {
        return new RegexGroupKey(regex);
    }

    /** A key from a CSV file of {@code file,group} rows (read now; errors name the file and line). */
    static GroupKey csv(Path file) {
        return CsvGroupKey.read(file);
    }

    /** Parses {@code csv:FILE} or a regular expression (the form of {@code --group-by} and {@code group_by}). */
    static GroupKey parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new Seg4jException("group_by is empty: give a regular expression with one capture group or "
                    + CSV_PREFIX + "FILE");
        }
        return spec.startsWith(CSV_PREFIX) ? csv(Path.of(spec.substring(CSV_PREFIX.length()))) : regex(spec);
    }

    /** The default key of a layout: the sequence for {@code camvid}; empty for layouts without one. */
    static Optional<GroupKey> forLayout(String layoutName) {
        return "camvid".equals(layoutName) ? Optional.of(regex(CAMVID_SEQUENCE)) : Optional.empty();
    }

    /**
     * {@code spec} parsed, or the layout's default when it is {@code null}; with neither, an error
     * saying that {@code option} is needed.
     */
    static GroupKey resolve(String spec, String layoutName, String option) {
        if (spec != null) {
            return parse(spec);
        }
        return forLayout(layoutName).orElseThrow(() -> new Seg4jException("the " + layoutName
                + " layout has no default sample groups: give " + option + " REGEX (one capture group on the "
                + "file name) or " + option + " " + CSV_PREFIX + "FILE"));
    }
}
