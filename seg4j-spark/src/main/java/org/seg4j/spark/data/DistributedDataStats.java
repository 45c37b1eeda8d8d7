package org.seg4j.spark.data;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ClassStatistics;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.ImageHeader;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.layout.DatasetEntry;
import org.seg4j.data.quality.DatasetStats;

/**
 * {@code seg4j data stats} as a Spark job: per task, the class counts of a slice's masks
 * ({@link ClassStatistics}) and its image sizes (headers only); the driver sums them into the same
 * {@link DatasetStats} that {@link DatasetStats#of} computes on one machine.
 */
public final class DistributedDataStats {

    /** One slice's counts and image sizes. */
    record Part(ClassCounts counts, Map<String, Integer> sizes) implements Serializable {

        Part plus(Part o) {
            Map<String, Integer> s = new TreeMap<>(sizes);
            o.sizes.forEach((k, v) -> s.merge(k, v, Integer::sum));
            return new Part(counts.plus(o.counts), s);
        }
    }

    private DistributedDataStats() {}

    /**
     * The statistics of the given splits of one data set.
     *
     * @param partsPerSplit tasks per split
     */
    public static DatasetStats compute(SparkSession spark, List<SplitRef> splits, int partsPerSplit) {
        Map<String, ClassStatistics> stats = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> sizes = new LinkedHashMap<>();
        ClassMeta classes = splits.get(0).dataset().classes();
        for (SplitRef split : splits) {
            Part total = split.ranges(spark, partsPerSplit)
                    .map(r -> count(split.slice(r[0], r[1])))
                    .reduce(Part::plus);
            stats.put(split.split(), total.counts().toStatistics(classes));
            sizes.put(split.split(), total.sizes());
        }
        return new DatasetStats(classes, stats, sizes);
    }

    private static Part count(SegmentationDataset slice) {
        Map<String, Integer> sizes = new TreeMap<>();
        for (DatasetEntry e : slice.entries()) {
            ImageHeader h = ImageFiles.header(e.image());
            sizes.merge(h.width() + "x" + h.height(), 1, Integer::sum);
        }
        return new Part(ClassCounts.of(ClassStatistics.of(slice)), sizes);
    }
}
