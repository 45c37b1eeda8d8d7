package org.seg4j.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.seg4j.Seg4jException;
import org.seg4j.data.layout.DatasetEntry;
import org.seg4j.data.layout.DatasetLayout;
import org.seg4j.data.layout.DatasetLayouts;
import org.seg4j.data.layout.LayoutDetection;

/**
 * One split of a data set on disk, read lazily: {@link #open} lists the files, {@link #load} reads
 * one image and its mask. Instances are immutable; {@link #load} is safe from several threads.
 *
 * <p>Typical use:
 *
 * <pre>
 * SegmentationDataset ds = SegmentationDataset.open(root, null, "train",
 *         DatasetOptions.builder().optSkipBad(skipBad).build());
 * System.out.println(ds.layoutReason());
 * ds.validationReport().ifPresent(System.out::println);   // only with skipBad
 * </pre>
 *
 * <p>Without {@code skipBad}, {@link #open} checks that every image and mask file exists and the
 * first undecodable or inconsistent file throws when it is loaded. {@link #validate()} and
 * {@link #without} are the building blocks of {@code skipBad} and can also be used directly.
 */
public final class SegmentationDataset implements SampleSource {

    private final Path root;
    private final DatasetLayout layout;
    private final String layoutReason;
    private final String split;
    private final ClassMeta classes;
    private final List<DatasetEntry> entries;
    private final DatasetOptions options;
    private final MaskReader maskReader;
    private final ValidationReport report;
    private volatile String fingerprint;

    private SegmentationDataset(Path root, DatasetLayout layout, String layoutReason, String split, ClassMeta classes,
            List<DatasetEntry> entries, DatasetOptions options, ValidationReport report, MaskReader maskReader) {
        this.root = root;
        this.layout = layout;
        this.layoutReason = layoutReason;
        this.split = split;
        this.classes = classes;
        this.entries = List.copyOf(entries);
        this.options = options;
        this.maskReader = maskReader;
        this.report = report;
    }

    /** Opens a split with the default options; {@code layoutName} null means detect it. */
    public static SegmentationDataset open(Path root, String layoutName, String split) {
        return open(root, layoutName, split, DatasetOptions.DEFAULT);
    }

    /**
     * Opens a split.
     *
     * @param root the data set folder
     * @param layoutName a name from {@link DatasetLayouts#names()}, or {@code null} to detect it
     * @param split the split name, e.g. {@code train}
     */
    public static SegmentationDataset open(Path root, String layoutName, String split, DatasetOptions options) {
        Objects.requireNonNull(split, "split");
        if (!Files.isDirectory(root)) {
            throw new Seg4jException(root + ": data set folder not found");
        }
        LayoutDetection detection = layoutName == null
                ? DatasetLayouts.detect(root)
                : new LayoutDetection(DatasetLayouts.byName(layoutName), layoutName + " layout (chosen by name)");
        DatasetLayout layout = detection.layout();
        ClassMeta classes = resolveClasses(root, layout, options);
        List<DatasetEntry> entries = layout.entries(root, split);
        if (entries.isEmpty()) {
            throw new Seg4jException(root + ": split '" + split + "' (" + layout.name() + " layout) has no images");
        }
        if (options.requireMasks() && entries.stream().anyMatch(e -> e.mask() == null)) {
            throw new Seg4jException(root + ": split '" + split + "' has no mask folder (" + layout.description()
                    + ")");
        }
        boolean builtIn = options.classes() == null && !Files.isRegularFile(root.resolve(ClassMeta.FILE_NAME));
        int[] valueMap = builtIn ? layout.maskValueMap(root, split).orElse(null) : null;
        MaskReader reader = new MaskReader(classes, options.maxPixels(), null, valueMap);
        SegmentationDataset ds = new SegmentationDataset(
                root, layout, detection.reason(), split, classes, entries, options, null, reader);
        if (!options.skipBad()) {
            if (options.checkFiles()) {
                entries.forEach(SegmentationDataset::checkFilesExist);
            }
            return ds;
        }
        ValidationReport report = ds.validate();
        if (report.problems().size() == entries.size()) {
            throw new Seg4jException(root + ": all " + entries.size() + " samples of split '" + split
                    + "' are bad; the first: " + report.problems().get(0).message());
        }
        return ds.filtered(report.badIds(), report);
    }

    private static ClassMeta resolveClasses(Path root, DatasetLayout layout, DatasetOptions options) {
        if (options.classes() != null) {
            return options.classes();
        }
        Path file = root.resolve(ClassMeta.FILE_NAME);
        if (Files.isRegularFile(file)) {
            return ClassMeta.read(file);
        }
        return layout.builtInClasses().orElseThrow(() -> new Seg4jException(root + ": no " + ClassMeta.FILE_NAME
                + " found, and the " + layout.name() + " layout has no built-in class list; write " + file));
    }

    private static void checkFilesExist(DatasetEntry e) {
        if (!Files.isRegularFile(e.image())) {
            throw new Seg4jException(e.image() + ": image file not found");
        }
        if (e.mask() != null && !Files.isRegularFile(e.mask())) {
            throw missingMask(e);
        }
    }

    private static Seg4jException missingMask(DatasetEntry e) {
        return new Seg4jException(e.image() + ": no mask for this image; expected " + e.mask());
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public String id(int index) {
        return entries.get(index).id();
    }

    @Override
    public ClassMeta classes() {
        return classes;
    }

    @Override
    public Sample load(int index) {
        DatasetEntry e = entries.get(index);
        RgbImage image = ImageFiles.read(e.image(), options.maxPixels());
        if (e.mask() == null) {
            return new Sample(e.id(), image, null);
        }
        LabelMask mask = loadMask(index);
        if (mask.width() != image.width() || mask.height() != image.height()) {
            throw new Seg4jException(e.image() + ": image is " + image.width() + "x" + image.height()
                    + " but its mask " + e.mask() + " is " + mask.width() + "x" + mask.height());
        }
        return new Sample(e.id(), image, mask);
    }

    /** Reads only the mask of sample {@code index}; a split without masks is an error naming the image. */
    @Override
    public LabelMask loadMask(int index) {
        DatasetEntry e = entries.get(index);
        if (e.mask() == null) {
            throw new Seg4jException(e.image() + ": split '" + split + "' has no masks");
        }
        if (!Files.isRegularFile(e.mask())) {
            throw missingMask(e);
        }
        return maskReader.read(e.mask());
    }

    /** Loads every sample (in parallel) and reports the ones that fail, without throwing. */
    public ValidationReport validate() {
        return validate(sample -> null);
    }

    /**
     * Like {@link #validate()}, and runs {@code inspect} on every sample that loads: a non-null
     * result is a warning about that sample (e.g. "nearly uniform image").
     */
    public ValidationReport validate(Function<Sample, String> inspect) {
        List<ValidationReport.Problem[]> results = IntStream.range(0, size())
                .parallel()
                .mapToObj(i -> check(i, inspect))
                .toList();
        List<ValidationReport.Problem> problems = results.stream().map(r -> r[0]).filter(Objects::nonNull).toList();
        List<ValidationReport.Problem> warnings = results.stream().map(r -> r[1]).filter(Objects::nonNull).toList();
        return new ValidationReport(size(), problems, warnings);
    }

    /** {problem, warning} of one sample, either or both null. */
    private ValidationReport.Problem[] check(int index, Function<Sample, String> inspect) {
        Sample sample;
        try {
            sample = load(index);
        } catch (Seg4jException e) {
            return new ValidationReport.Problem[] {new ValidationReport.Problem(id(index), e.getMessage()), null};
        } catch (RuntimeException e) {
            // a decoder bug on a strange file is still a bad file for the user
            return new ValidationReport.Problem[] {
                new ValidationReport.Problem(id(index), entries.get(index).image() + ": " + e), null};
        }
        String warning = inspect.apply(sample);
        return new ValidationReport.Problem[] {
            null, warning == null ? null : new ValidationReport.Problem(id(index), warning)};
    }

    /** This data set without the samples whose ids are given (e.g. {@link ValidationReport#badIds()}). */
    public SegmentationDataset without(Collection<String> ids) {
        return filtered(Set.copyOf(ids), report);
    }

    private SegmentationDataset filtered(Set<String> ids, ValidationReport newReport) {
        List<DatasetEntry> kept = entries.stream().filter(e -> !ids.contains(e.id())).toList();
        if (kept.isEmpty()) {
            throw new Seg4jException(root + ": no samples left in split '" + split + "'");
        }
        return new SegmentationDataset(root, layout, layoutReason, split, classes, kept, options, newReport,
                maskReader);
    }

    /**
     * The samples {@code from} (inclusive) to {@code to} (exclusive) of this data set, in order: a
     * part that a distributed job processes on its own (every worker opens the same split and takes
     * its slice).
     */
    public SegmentationDataset slice(int from, int to) {
        if (from < 0 || to > size() || from >= to) {
            throw new IllegalArgumentException("slice " + from + ".." + to + " of a data set with " + size() + " samples");
        }
        return new SegmentationDataset(root, layout, layoutReason, split, classes, entries.subList(from, to), options,
                report, maskReader);
    }

    /** The validation done by {@link #open} with {@code skipBad}; empty otherwise. */
    public Optional<ValidationReport> validationReport() {
        return Optional.ofNullable(report);
    }

    /**
     * A 16-hex-digit SHA-256 over the samples' relative paths and file sizes: it changes when files
     * are added, removed, renamed or rewritten with another size, and is the same across runs.
     */
    public String fingerprint() {
        String f = fingerprint;
        if (f == null) {
            f = DatasetFingerprint.of(root, entries);
            fingerprint = f;
        }
        return f;
    }

    /** The samples' file entries, in order. */
    public List<DatasetEntry> entries() {
        return entries;
    }

    /** The data set folder. */
    public Path root() {
        return root;
    }

    /** The split name. */
    public String split() {
        return split;
    }

    /** The layout used. */
    public DatasetLayout layout() {
        return layout;
    }

    /** Why this layout was used: detection's explanation, or that it was chosen by name. */
    public String layoutReason() {
        return layoutReason;
    }

    /** The options this data set was opened with. */
    public DatasetOptions options() {
        return options;
    }

    /** One line, e.g. {@code camvid split train: 367 samples, 11 classes}. */
    @Override
    public String toString() {
        return layout.name() + " split " + split + ": " + size() + " samples, " + classes.numClasses() + " classes";
    }
}
