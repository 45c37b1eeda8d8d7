package org.seg4j.data.quality;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ClassStatistics;
import org.seg4j.data.ClassWeighting;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.ImageHeader;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.layout.DatasetEntry;
import org.seg4j.util.Json;

/**
 * The statistics of {@code seg4j data stats}: per split, the class statistics
 * ({@link ClassStatistics}: pixel share, image share, weights) and the image sizes (from the file
 * headers, no decoding).
 *
 * @param classes the class list
 * @param splits per split name, its class statistics
 * @param sizes per split name, the number of images of each {@code WxH} size
 */
public record DatasetStats(ClassMeta classes, Map<String, ClassStatistics> splits,
        Map<String, Map<String, Integer>> sizes) {

    /** Computes the statistics of the given splits. */
    public static DatasetStats of(List<SegmentationDataset> splits) {
        Map<String, ClassStatistics> stats = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> sizes = new LinkedHashMap<>();
        for (SegmentationDataset ds : splits) {
            stats.put(ds.split(), ClassStatistics.of(ds));
            Map<String, Integer> hist = new TreeMap<>();
            for (DatasetEntry e : ds.entries()) {
                ImageHeader h = ImageFiles.header(e.image());
                hist.merge(h.width() + "x" + h.height(), 1, Integer::sum);
            }
            sizes.put(ds.split(), hist);
        }
        return new DatasetStats(splits.get(0).classes(), stats, sizes);
    }

    /**
     * A class-weights file that {@code seg4j train --class-weights FILE} reads:
     * {@code class_weighting: explicit} and {@code class_weights: [...]}, one weight per class.
     *
     * @param split the split whose statistics give the weights (normally {@code train})
     */
    public void writeWeights(Path file, String split, ClassWeighting weighting) {
        float[] w = splits.get(split).weights(weighting);
        List<Double> list = new ArrayList<>();
        for (float f : w) {
            list.add(Math.round(f * 1e4) / 1e4);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_weighting", "explicit");
        m.put("class_weights", list);
        Json.writeYaml(file, m);
    }

    /**
     * Per split, the warnings of {@link ClassStatistics#warnings} (a declared class without pixels,
     * void above {@code maxVoid}), each starting with {@code split NAME: }.
     */
    public List<String> warnings(double maxVoid) {
        List<String> out = new ArrayList<>();
        splits.forEach((name, s) -> s.warnings(maxVoid).forEach(w -> out.add("split " + name + ": " + w)));
        return out;
    }

    /** Everything as one JSON-ready map. */
    public Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("classes", classes.names());
        Map<String, Object> perSplit = new LinkedHashMap<>();
        for (Map.Entry<String, ClassStatistics> e : splits.entrySet()) {
            ClassStatistics s = e.getValue();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("images", s.images());
            m.put("pixels", s.totalPixels());
            m.put("void_pixels", s.voidPixels());
            float[] mf = s.medianFrequencyWeights();
            float[] is = s.inverseSqrtWeights();
            List<Map<String, Object>> cls = new ArrayList<>();
            for (int c = 0; c < classes.numClasses(); c++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("class", classes.name(c));
                row.put("pixels", s.pixelCounts()[c]);
                row.put("pixel_share", s.pixelShare(c));
                row.put("image_share", s.imageShare(c));
                row.put("weight_median_frequency", mf[c]);
                row.put("weight_inverse_sqrt", is[c]);
                cls.add(row);
            }
            m.put("per_class", cls);
            m.put("image_sizes", sizes.get(e.getKey()));
            m.put("warnings", s.warnings(ClassStatistics.DEFAULT_MAX_VOID));
            perSplit.put(e.getKey(), m);
        }
        root.put("splits", perSplit);
        return root;
    }

    /** The console summary: per split the class table and the image sizes. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ClassStatistics> e : splits.entrySet()) {
            sb.append("split ").append(e.getKey()).append(":\n").append(e.getValue().table()).append('\n');
            sb.append("image sizes: ");
            List<String> parts = new ArrayList<>();
            sizes.get(e.getKey()).forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%s x%d", k, v)));
            sb.append(String.join(", ", parts)).append("\n\n");
        }
        return sb.toString().stripTrailing();
    }
}
