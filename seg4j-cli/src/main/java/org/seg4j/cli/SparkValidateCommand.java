package org.seg4j.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.seg4j.Seg4jException;
import org.seg4j.data.layout.DatasetLayouts;
import org.seg4j.data.quality.DatasetCheck;
import org.seg4j.spark.data.DistributedValidation;
import org.seg4j.spark.data.SplitRef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j spark validate}: {@code data validate} as a Spark job; the same findings. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "data validate as a Spark job: bad files (errors) and suspicious ones (warnings), listed as "
                + "seg4j data validate lists them; exit status 1 when there are errors.")
final class SparkValidateCommand implements Callable<Integer> {

    @Option(names = "--data", required = true, description = "Data set root folder (same path on every executor).")
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

    @Option(names = "--max-void", defaultValue = "0.5", description = "Warn above this void share (default: ${DEFAULT-VALUE}).")
    double maxVoid;

    @Mixin
    SparkOptions spark;

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
        SparkSession session = spark.session("validate");
        try {
            List<DatasetCheck> checks = new ArrayList<>();
            for (String split : names) {
                DatasetCheck check = DistributedValidation.check(session, SplitRef.open(root, l.name(), split),
                        uniformStd, maxVoid, spark.tasks(session));
                check.lines().forEach(System.out::println);
                checks.add(check);
            }
            return DataValidateCommand.summarize(root, l.name(), checks, reportJson) > 0 ? 1 : 0;
        } finally {
            session.stop();
        }
    }
}
