package org.seg4j.infer;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.seg4j.Seg4jException;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.output.PredictionWriter;
import org.seg4j.util.Progress;

/**
 * Predicts one image file or every image in a folder ({@code .png .jpg .jpeg .bmp}, sorted by
 * name, not recursive) and writes the chosen outputs into an output folder.
 *
 * <p>Progress goes to the given stream: a progress bar with images/s and ETA when the process has a
 * terminal, otherwise one line every {@value Progress#LINE_INTERVAL_SECONDS} seconds. An unreadable image
 * stops the run with an error that names the file, unless {@code skipBad} is set: then it is
 * listed in the {@link Summary}. Outputs are written atomically per file and only after the
 * image's prediction succeeded, so there are never half-written files.
 */
public final class FolderPrediction {

    /** File name extensions (lower case) treated as images. */
    public static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp");


    /** More files written per image from its prediction, e.g. instances ({@code predict --method components}). */
    public interface ExtraOutput {

        /** Whether {@link #write} needs the class probabilities. */
        boolean needsProbabilities();

        /**
         * Writes the files of one image.
         *
         * @param probs the class probabilities, or {@code null} unless {@link #needsProbabilities()}
         */
        void write(Path outDir, String stem, RgbImage image, LabelMask mask, Probabilities probs);
    }

    /**
     * How one image becomes its class mask (and more files): the default runs the {@link
     * Predictor}; a panoptic model's runner predicts semantic map and instances in one pass.
     */
    @FunctionalInterface
    public interface ImageRunner {

        /**
         * Predicts {@code image}, writes any files of its own into {@code outDir} and returns the
         * class mask, which the {@link PredictionWriter} then writes in the chosen formats.
         */
        LabelMask run(Path outDir, String stem, RgbImage image);
    }

    /** An image that could not be processed. */
    public record Failure(Path file, String message) {}

    /**
     * Outcome of a run.
     *
     * @param images images predicted and written
     * @param failed images skipped because they could not be read or predicted
     * @param elapsed wall time
     */
    public record Summary(int images, List<Failure> failed, Duration elapsed) {

        public Summary {
            failed = List.copyOf(failed);
        }

        public double imagesPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s > 0 ? images / s : 0;
        }

        /** One line for the user, plus one line per skipped image. */
        public String describe() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "predicted %d image%s in %.1f s (%.2f images/s)",
                    images, images == 1 ? "" : "s", elapsed.toNanos() / 1e9, imagesPerSecond()));
            if (!failed.isEmpty()) {
                sb.append(String.format(Locale.ROOT, "; skipped %d unreadable image%s:", failed.size(),
                        failed.size() == 1 ? "" : "s"));
                for (Failure f : failed) {
                    sb.append(System.lineSeparator()).append("  ").append(f.message());
                }
            }
            return sb.toString();
        }
    }

    private final Predictor predictor;
    private final PredictionWriter writer;
    private final boolean skipBad;
    private final PrintStream progress;
    private final ExtraOutput extra;
    private final ImageRunner runner;

    /**
     * @param predictor the model
     * @param writer which files to write
     * @param skipBad skip unreadable images (listed in the summary) instead of stopping
     * @param progress where progress goes, usually {@code System.err}; {@code null} for none
     */
    public FolderPrediction(Predictor predictor, PredictionWriter writer, boolean skipBad, PrintStream progress) {
        this(predictor, writer, null, skipBad, progress);
    }

    /**
     * As {@link #FolderPrediction(Predictor, PredictionWriter, boolean, PrintStream)}, with more
     * files per image.
     *
     * @param extra more outputs, or {@code null}
     */
    public FolderPrediction(Predictor predictor, PredictionWriter writer, ExtraOutput extra, boolean skipBad,
            PrintStream progress) {
        this.predictor = predictor;
        this.writer = writer;
        this.extra = extra;
        this.skipBad = skipBad;
        this.progress = progress;
        this.runner = null;
    }

    /**
     * Predicts with {@code runner} instead of a {@link Predictor}; the writer must not need
     * probabilities. Listing, progress, bad images and the summary are as with a predictor.
     */
    public FolderPrediction(ImageRunner runner, PredictionWriter writer, boolean skipBad, PrintStream progress) {
        if (writer.needsProbabilities()) {
            throw new Seg4jException("the chosen --format needs class probabilities, which this model's prediction "
                    + "does not give; choose other formats");
        }
        this.predictor = null;
        this.writer = writer;
        this.extra = null;
        this.skipBad = skipBad;
        this.progress = progress;
        this.runner = runner;
    }

    /** The image files to predict: {@code input} itself, or the images in the folder, sorted. */
    public static List<Path> listImages(Path input) {
        if (Files.isRegularFile(input)) {
            return List.of(input);
        }
        if (!Files.isDirectory(input)) {
            throw new Seg4jException(input + ": no such file or folder");
        }
        try (Stream<Path> s = Files.list(input)) {
            return s.filter(Files::isRegularFile).filter(FolderPrediction::isImage).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
        }
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Output stems: the file name without extension, or with the extension joined by {@code _}
     * where two inputs share a stem ({@code a.png}, {@code a.jpg} become {@code a_png}, {@code a_jpg}).
     */
    public static List<String> stems(List<Path> files) {
        Map<String, Integer> count = new HashMap<>();
        for (Path f : files) {
            count.merge(stem(f), 1, Integer::sum);
        }
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            String s = stem(f);
            out.add(count.get(s) > 1 ? f.getFileName().toString().replace('.', '_') : s);
        }
        return out;
    }

    static String stem(Path f) {
        String n = f.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    /** Predicts {@code input} (file or folder) into {@code outDir}. */
    public Summary run(Path input, Path outDir) {
        List<Path> files = listImages(input);
        if (files.isEmpty()) {
            throw new Seg4jException(input + ": no images (" + String.join(", ", EXTENSIONS.stream().sorted().toList())
                    + ") found");
        }
        List<String> stems = stems(files);
        List<Failure> failed = new ArrayList<>();
        long start = System.nanoTime();
        int done = 0;
        try (Progress bar = Progress.create(progress, "predict", "img", files.size())) {
            for (int i = 0; i < files.size(); i++) {
                Path file = files.get(i);
                try {
                    predictOne(file, outDir, stems.get(i));
                    done++;
                } catch (Seg4jException e) {
                    if (!skipBad) {
                        throw e;
                    }
                    failed.add(new Failure(file, e.getMessage()));
                } catch (RuntimeException e) {
                    String msg = file + ": prediction failed: " + e;
                    if (!skipBad || e instanceof UncheckedIOException) {
                        // an output that cannot be written is not the image's fault: always stop
                        throw new Seg4jException(msg, e);
                    }
                    failed.add(new Failure(file, msg));
                }
                bar.step(i + 1);
            }
        }
        if (done > 0) {
            writer.finish(outDir);
        }
        Summary summary = new Summary(done, failed, Duration.ofNanos(System.nanoTime() - start));
        if (progress != null) {
            progress.println(summary.describe());
        }
        return summary;
    }

    private void predictOne(Path file, Path outDir, String stem) {
        RgbImage image = ImageFiles.readUpright(file);
        Probabilities probs = null;
        LabelMask mask;
        if (runner != null) {
            writer.write(outDir, stem, file, image, runner.run(outDir, stem, image), null);
            return;
        }
        if (writer.needsProbabilities() || (extra != null && extra.needsProbabilities())) {
            probs = predictor.predictProbabilities(image);
            mask = probs.argmax();
        } else {
            mask = predictor.predict(image);
        }
        writer.write(outDir, stem, file, image, mask, probs);
        if (extra != null) {
            extra.write(outDir, stem, image, mask, probs);
        }
    }
}
