package org.seg4j.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.seg4j.train.cv.CvComparison;
import org.seg4j.util.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seg4j cv-compare}: cross-validations of candidate recipes side by side. */
@Command(name = "cv-compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Compare cross-validations of the same folds (folders written by seg4j cv), the first the "
                + "reference: held-out mIoU per fold with the difference from the reference, mean ± std, rank, how "
                + "many folds each candidate improves, and the configuration keys it changed.")
final class CvCompareCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "CV_DIR", description = "Folders of seg4j cv runs; the first is the "
            + "reference.")
    List<Path> dirs;

    @Option(names = "--out", description = "Also write the Markdown table to this file.")
    Path out;

    @Option(names = "--chart", paramLabel = "PNG", description = "Also draw the held-out mIoU per fold and the mean, "
            + "one bar per run, into this PNG file.")
    Path chart;

    @Override
    public Integer call() {
        CvComparison comparison = CvComparison.read(dirs);
        String table = comparison.markdown();
        System.out.print(table);
        if (out != null) {
            AtomicFiles.writeString(out, table);
            System.err.println("wrote " + out);
        }
        if (chart != null) {
            comparison.writeChart(chart);
            System.err.println("wrote " + chart);
        }
        return 0;
    }
}
