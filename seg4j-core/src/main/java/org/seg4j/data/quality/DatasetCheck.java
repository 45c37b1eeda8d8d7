package org.seg4j.data.quality;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.seg4j.data.ClassStatistics;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.ValidationReport;
import org.seg4j.util.Json;

/**
 * The checks of {@code seg4j data validate} for one split. Errors: an image without its mask or a
 * mask without its image (the missing partner), image and mask of different sizes, unreadable or
 * truncated files, label values outside the class list (everything {@link SegmentationDataset#load}
 * refuses). Warnings: nearly uniform images, whose luminance standard deviation is below a
 * threshold (blank frames, lens caps, export errors); and, over the split's masks, a declared class
 * with no pixel or void above a share ({@link ClassStatistics#warnings}), the signs of masks whose
 * stored values are misread (0/255 binary masks without a {@code values} map, say).
 *
 * @param split the split name
 * @param report the load errors and the warnings of the split's samples
 * @param orphanMasks mask files with no image
 * @param classWarnings warnings about the split's masks as a whole
 */
public record DatasetCheck(String split, ValidationReport report, List<Path> orphanMasks, List<String> classWarnings) {

    /** Default threshold on the luminance standard deviation (0-255 levels) below which an image is "uniform". */
    public static final double DEFAULT_UNIFORM_STD = 2.0;

    public DatasetCheck {
        orphanMasks = List.copyOf(orphanMasks);
        classWarnings = List.copyOf(classWarnings);
    }

    /** Runs the checks with the default void threshold ({@link ClassStatistics#DEFAULT_MAX_VOID}). */
    public static DatasetCheck run(SegmentationDataset ds, double uniformStd) {
        return run(ds, uniformStd, ClassStatistics.DEFAULT_MAX_VOID);
    }

    /**
     * Runs the checks on an opened split (opened without {@code skipBad}).
     *
     * @param maxVoid share of void pixels (0..1) over the split above which to warn
     */
    public static DatasetCheck run(SegmentationDataset ds, double uniformStd, double maxVoid) {
        ClassStatistics.Accumulator counts = new ClassStatistics.Accumulator(ds.classes());
        ValidationReport report = ds.validate(inspector(ds, uniformStd, counts));
        return of(ds, report, counts.result(), maxVoid);
    }

    /**
     * The per-sample part of the checks, for {@link SegmentationDataset#validate(Function)}: counts
     * each mask into {@code counts} and warns about nearly uniform images.
     */
    public static Function<Sample, String> inspector(SegmentationDataset ds, double uniformStd,
            ClassStatistics.Accumulator counts) {
        Map<String, Path> files = new java.util.HashMap<>();
        ds.entries().forEach(e -> files.put(e.id(), e.image()));
        return sample -> {
            if (sample.mask() != null) {
                counts.add(sample.mask(), sample.id());
            }
            double std = luminanceStd(sample.image());
            return std < uniformStd
                    ? String.format(Locale.ROOT, "%s: nearly uniform image (luminance standard deviation %.2f < %.2f)",
                            files.get(sample.id()), std, uniformStd)
                    : null;
        };
    }

    /**
     * The check of a whole split from its per-sample report and its masks' statistics (gathered in
     * parts, say); the masks without an image are listed here.
     */
    public static DatasetCheck of(SegmentationDataset ds, ValidationReport report, ClassStatistics masks,
            double maxVoid) {
        List<String> classWarnings = masks.warnings(maxVoid).stream()
                .map(w -> "split " + ds.split() + ": " + w)
                .toList();
        return new DatasetCheck(ds.split(), report, ds.layout().orphanMasks(ds.root(), ds.split()), classWarnings);
    }

    /** Number of errors: bad samples plus masks without an image. */
    public int errorCount() {
        return report.problems().size() + orphanMasks.size();
    }

    /** Number of warnings: about samples and about the split's masks as a whole. */
    public int warningCount() {
        return report.warnings().size() + classWarnings.size();
    }

    /** Standard deviation of the luminance (0.299 R + 0.587 G + 0.114 B). */
    public static double luminanceStd(RgbImage image) {
        byte[] d = image.data();
        double sum = 0;
        double sumSq = 0;
        int n = d.length / 3;
        for (int i = 0; i < d.length; i += 3) {
            double y = 0.299 * (d[i] & 0xFF) + 0.587 * (d[i + 1] & 0xFF) + 0.114 * (d[i + 2] & 0xFF);
            sum += y;
            sumSq += y * y;
        }
        double mean = sum / n;
        return Math.sqrt(Math.max(0, sumSq / n - mean * mean));
    }

    /** Human-readable lines: the summary, then one per error and warning. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "split %s: %d samples, %d errors, %d warnings", split, report.checked(),
                errorCount(), warningCount()));
        report.problems().forEach(p -> out.add("  error: " + p.message()));
        orphanMasks.forEach(m -> out.add("  error: " + m + ": mask has no image"));
        report.warnings().forEach(p -> out.add("  warning: " + p.message()));
        classWarnings.forEach(w -> out.add("  warning: " + w));
        return out;
    }

    /** The machine-readable form of several splits' checks. */
    public static Map<String, Object> toJson(Path root, String layout, List<DatasetCheck> checks) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data", root.toString());
        m.put("layout", layout);
        m.put("errors", checks.stream().mapToInt(DatasetCheck::errorCount).sum());
        m.put("warnings", checks.stream().mapToInt(DatasetCheck::warningCount).sum());
        List<Map<String, Object>> splits = new ArrayList<>();
        for (DatasetCheck c : checks) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("split", c.split());
            s.put("samples", c.report().checked());
            List<Map<String, String>> errors = new ArrayList<>();
            c.report().problems().forEach(p -> errors.add(Map.of("id", p.id(), "message", p.message())));
            c.orphanMasks().forEach(f -> errors.add(Map.of("file", f.toString(), "message", f + ": mask has no image")));
            s.put("errors", errors);
            List<Map<String, String>> warnings = new ArrayList<>();
            c.report().warnings().forEach(p -> warnings.add(Map.of("id", p.id(), "message", p.message())));
            c.classWarnings().forEach(w -> warnings.add(Map.of("message", w)));
            s.put("warnings", warnings);
            splits.add(s);
        }
        m.put("splits", splits);
        return m;
    }

    /** Writes {@link #toJson} to {@code file}, atomically. */
    public static void writeJson(Path file, Path root, String layout, List<DatasetCheck> checks) {
        Json.writeJson(file, toJson(root, layout, checks));
    }
}
