package org.seg4j.data.quality;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.layout.DatasetEntry;

/**
 * The sharpness of every image of a split, and a blur threshold drawn from their distribution.
 *
 * <p>The suggested threshold is Tukey's lower fence on the logarithm of the Laplacian variance,
 * {@code exp(Q1 - 1.5 (Q3 - Q1))}: an image is flagged only when it is far blurrier than the bulk of
 * its data set. The logarithm is used because sharpness spans orders of magnitude.
 *
 * @param scores one per image, in data set order
 */
public record SharpnessScores(List<Score> scores) {

    /**
     * One image's scores.
     *
     * @param id sample id
     * @param image image file
     * @param sharpness its scores
     */
    public record Score(String id, Path image, Sharpness sharpness) {}

    public SharpnessScores {
        scores = List.copyOf(scores);
    }

    /** Scores every image of {@code ds} (in parallel); masks are not read. */
    public static SharpnessScores of(SegmentationDataset ds) {
        List<Score> scores = IntStream.range(0, ds.size()).parallel()
                .mapToObj(i -> {
                    DatasetEntry e = ds.entries().get(i);
                    return new Score(e.id(), e.image(), Sharpness.of(ImageFiles.read(e.image(), ds.options().maxPixels())));
                })
                .toList();
        return new SharpnessScores(scores);
    }

    /** Tukey's lower fence of the log Laplacian variance (see the class comment); 0 with under 4 images. */
    public double suggestedThreshold() {
        double[] logs = scores.stream().mapToDouble(s -> Math.log(Math.max(1e-9, s.sharpness().laplacianVariance())))
                .sorted().toArray();
        if (logs.length < 4) {
            return 0;
        }
        double q1 = quantile(logs, 0.25);
        double q3 = quantile(logs, 0.75);
        return Math.exp(q1 - 1.5 * (q3 - q1));
    }

    /** Linear-interpolated quantile of sorted values. */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The scores from blurriest to sharpest (by Laplacian variance). */
    public List<Score> blurriestFirst() {
        List<Score> sorted = new ArrayList<>(scores);
        sorted.sort(Comparator.comparingDouble(s -> s.sharpness().laplacianVariance()));
        return sorted;
    }

    /** The images whose Laplacian variance is below {@code threshold}, blurriest first. */
    public List<Score> below(double threshold) {
        return blurriestFirst().stream().filter(s -> s.sharpness().laplacianVariance() < threshold).toList();
    }

    /** The scores as JSON-ready maps, in data set order. */
    public List<Map<String, Object>> toJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Score s : scores) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("image", s.image().toString());
            m.put("laplacian_variance", s.sharpness().laplacianVariance());
            m.put("tenengrad", s.sharpness().tenengrad());
            out.add(m);
        }
        return out;
    }
}
