package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.layout.DatasetLayout;
import org.seg4j.data.layout.DatasetLayouts;
import org.seg4j.data.quality.DatasetCheck;
import picocli.CommandLine.Option;

/** The options of {@code data validate} and {@code spark validate}, and what both do with the findings. */
final class ValidateOptions {

    @Option(names = "--data", required = true, description = "Data set root folder.")
    Path root;

    @Option(names = "--layout", description = "folder, camvid, voc or cityscapes (detected when omitted).")
    String layout;

    @Option(names = "--split", description = "Split to check (default: every split).")
    List<String> splits = new ArrayList<>();

    @Option(names = "--report-json", description = "Also write the findings as JSON to this file.")
    Path reportJson;

    @Option(names = "--uniform-std", defaultValue = "2.0",
            description = "Warn about images whose luminance standard deviation is below this (default: ${DEFAULT-VALUE}).")
    double uniformStd;

    @Option(names = "--max-void", defaultValue = "0.5",
            description = "Warn when more than this share (0-1) of a split's mask pixels is void; every declared class "
                    + "without pixels is also a warning (default: ${DEFAULT-VALUE}).")
    double maxVoid;

    /** The layout, checking the options first. */
    DatasetLayout layout() {
        if (!(maxVoid >= 0 && maxVoid <= 1)) {
            throw new Seg4jException("--max-void must be a share between 0 and 1, got " + maxVoid);
        }
        return layout == null ? DatasetLayouts.detect(root).layout() : DatasetLayouts.byName(layout);
    }

    /** The splits to check: those named, else every split of the layout. */
    List<String> splitNames(DatasetLayout l) {
        List<String> names = splits.isEmpty() ? l.splits(root) : splits;
        if (names.isEmpty()) {
            throw new Seg4jException(root + ": no splits found (" + l.description() + ")");
        }
        return names;
    }

    /** Prints one check's lines. */
    static void print(DatasetCheck check) {
        check.lines().forEach(System.out::println);
    }

    /** Prints the totals and writes the JSON report when asked; the exit status: 1 with errors. */
    int summarize(DatasetLayout l, List<DatasetCheck> checks) {
        int errors = checks.stream().mapToInt(DatasetCheck::errorCount).sum();
        int warnings = checks.stream().mapToInt(DatasetCheck::warningCount).sum();
        System.out.printf("%s (%s layout): %d errors, %d warnings%n", root, l.name(), errors, warnings);
        if (reportJson != null) {
            DatasetCheck.writeJson(reportJson, root, l.name(), checks);
            System.out.println("report: " + reportJson);
        }
        return errors > 0 ? 1 : 0;
    }
}
