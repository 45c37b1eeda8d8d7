package org.seg4j.spark.data;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.SparkSession;
import org.seg4j.Seg4jException;
import org.seg4j.data.DatasetOptions;
import org.seg4j.data.SegmentationDataset;

/**
 * A data set split that tasks open by name: the data set folder must be at the same path on every
 * executor (shared storage, or the local disk in local mode). The driver opens it first, so the
 * layout is fixed and the number of samples known; each JVM then opens it once (listing the files
 * is the costly part) and a task takes its slice. A split whose sample count differs on an executor
 * (files added or removed during the job) fails the task with a message saying so.
 *
 * @param root the data set folder
 * @param layout the layout's name
 * @param split the split name
 * @param size number of samples the driver found
 */
public record SplitRef(String root, String layout, String split, int size) implements Serializable {

    private static final Map<SplitRef, SegmentationDataset> OPENED = new ConcurrentHashMap<>();

    /** Opens a split on the driver; {@code layout} null detects it. */
    public static SplitRef open(Path root, String layout, String split) {
        SegmentationDataset ds = SegmentationDataset.open(root.toAbsolutePath().normalize(), layout, split,
                DatasetOptions.builder().optCheckFiles(false).build());
        return new SplitRef(ds.root().toString(), ds.layout().name(), split, ds.size());
    }

    /** The whole split, opened once per JVM. */
    public SegmentationDataset dataset() {
        return OPENED.computeIfAbsent(this, r -> {
            SegmentationDataset ds = SegmentationDataset.open(Path.of(root), layout, split,
                    DatasetOptions.builder().optCheckFiles(false).build());
            if (ds.size() != size) {
                throw new Seg4jException(root + ": split '" + split + "' has " + ds.size() + " samples on this executor"
                        + " but " + size + " on the driver; is the folder at the same path everywhere, and unchanged?");
            }
            return ds;
        });
    }

    /** Samples {@code from} to {@code to} (exclusive). */
    public SegmentationDataset slice(int from, int to) {
        return dataset().slice(from, to);
    }

    /** The split cut into up to {@code parts} contiguous index ranges {@code {from, to}}, one per task. */
    public JavaRDD<int[]> ranges(SparkSession spark, int parts) {
        int n = Math.max(1, Math.min(parts, size));
        List<int[]> ranges = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ranges.add(new int[] {(int) ((long) size * i / n), (int) ((long) size * (i + 1) / n)});
        }
        return org.apache.spark.api.java.JavaSparkContext.fromSparkContext(spark.sparkContext())
                .parallelize(ranges, n);
    }
}
