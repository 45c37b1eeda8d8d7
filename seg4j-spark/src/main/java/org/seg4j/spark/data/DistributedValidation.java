package org.seg4j.spark.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.seg4j.data.ClassStatistics;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.ValidationReport;
import org.seg4j.data.quality.DatasetCheck;

/**
 * {@code seg4j data validate} as a Spark job: each task loads a slice's samples with the checks of
 * {@link DatasetCheck#inspector} (errors, nearly uniform images, class counts); the driver joins the
 * reports in data set order and sums the counts into the same {@link DatasetCheck} that
 * {@link DatasetCheck#run} gives on one machine.
 */
public final class DistributedValidation {

    /** One slice's report and mask counts. */
    record Part(int checked, List<String[]> problems, List<String[]> warnings, ClassCounts counts)
            implements Serializable {

        Part plus(Part o) {
            List<String[]> p = new ArrayList<>(problems);
            p.addAll(o.problems);
            List<String[]> w = new ArrayList<>(warnings);
            w.addAll(o.warnings);
            return new Part(checked + o.checked, p, w, counts.plus(o.counts));
        }
    }

    private DistributedValidation() {}

    /**
     * Checks one split.
     *
     * @param uniformStd luminance standard deviation below which an image is "nearly uniform"
     * @param maxVoid share of void pixels above which to warn
     * @param parts number of tasks
     */
    public static DatasetCheck check(SparkSession spark, SplitRef split, double uniformStd, double maxVoid, int parts) {
        // parts come back in range order (collect keeps partition order), so the lists keep data set order
        List<Part> collected = split.ranges(spark, parts)
                .map(r -> checkSlice(split.slice(r[0], r[1]), uniformStd))
                .collect();
        Part total = collected.stream().reduce(Part::plus).orElseThrow();
        SegmentationDataset ds = split.dataset();
        ValidationReport report = new ValidationReport(total.checked(), problems(total.problems()),
                problems(total.warnings()));
        return DatasetCheck.of(ds, report, total.counts().toStatistics(ds.classes()), maxVoid);
    }

    private static Part checkSlice(SegmentationDataset slice, double uniformStd) {
        ClassStatistics.Accumulator counts = new ClassStatistics.Accumulator(slice.classes());
        ValidationReport r = slice.validate(DatasetCheck.inspector(slice, uniformStd, counts));
        return new Part(r.checked(), pairs(r.problems()), pairs(r.warnings()), ClassCounts.of(counts.result()));
    }

    private static List<String[]> pairs(List<ValidationReport.Problem> problems) {
        return problems.stream().map(p -> new String[] {p.id(), p.message()}).toList();
    }

    private static List<ValidationReport.Problem> problems(List<String[]> pairs) {
        return pairs.stream().map(p -> new ValidationReport.Problem(p[0], p[1])).toList();
    }
}
