package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.seg4j.Seg4jException;
import org.seg4j.data.DatasetOptions;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.layout.DatasetLayouts;
import org.seg4j.data.quality.DatasetCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code seg4j data validate}: check every image/mask pair; exit status 1 when errors are found. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Check every sample: missing partner, size mismatch, unreadable or truncated files, label "
                + "values outside the class list (errors), nearly uniform images, declared classes without pixels, "
                + "mostly void masks (warnings). Prints a summary; "
                + "exit status 1 when there are errors.")
final class DataValidateCommand implements Callable<Integer> {

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

    @Override
    public Integer call() {
        if (!(maxVoid >= 0 && maxVoid <= 1)) {
            throw new Seg4jException("--max-void must be a share between 0 and 1, got " + maxVoid);
        }
        var l = layout == null ? DatasetLayouts.detect(root).layout() : DatasetLayouts.byName(layout);
        List<String> names = splits.isEmpty() ? l.splits(root) : splits;
        if (names.isEmpty()) {
            throw new Seg4jException(root + ": no splits found (" + l.description() + ")");
        }
        List<DatasetCheck> checks = new ArrayList<>();
        for (String split : names) {
            SegmentationDataset ds = SegmentationDataset.open(root, l.name(), split,
                    DatasetOptions.builder().checkFiles(false).build());
            DatasetCheck check = DatasetCheck.run(ds, uniformStd, maxVoid);
            check.lines().forEach(System.out::println);
            checks.add(check);
        }
        int errors = summarize(root, l.name(), checks, reportJson);
        return errors > 0 ? 1 : 0;
    }

    /** Prints the totals and writes the JSON report when asked (also for seg4j spark validate); returns the errors. */
    static int summarize(Path root, String layout, List<DatasetCheck> checks, Path reportJson) {
        int errors = checks.stream().mapToInt(DatasetCheck::errorCount).sum();
        int warnings = checks.stream().mapToInt(DatasetCheck::warningCount).sum();
        System.out.printf("%s (%s layout): %d errors, %d warnings%n", root, layout, errors, warnings);
        if (reportJson != null) {
            DatasetCheck.writeJson(reportJson, root, layout, checks);
            System.out.println("report: " + reportJson);
        }
        return errors;
    }
}
