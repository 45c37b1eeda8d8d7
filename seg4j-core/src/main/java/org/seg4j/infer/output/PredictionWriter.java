package org.seg4j.infer.output;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Images;
import org.seg4j.infer.Probabilities;
import org.seg4j.util.AtomicFiles;

/**
 * Writes a chosen set of {@link OutputFormat}s for one image into a folder. All files of an image
 * are rendered and encoded in memory first and then each is written atomically, so a failure
 * while rendering writes nothing and no reader ever sees a partial PNG.
 */
public final class PredictionWriter {

    private final Set<OutputFormat> formats;
    private final ClassMeta classes;
    private final double alpha;
    private final boolean[] foreground;

    /**
     * @param formats what to write (at least one)
     * @param classes class names and palette
     * @param alpha overlay opacity, 0..1 ({@link Renderings#DEFAULT_ALPHA} is 0.5)
     * @param foregroundClasses cutout classes; empty = all but background (see {@link Renderings#foreground})
     */
    public PredictionWriter(Set<OutputFormat> formats, ClassMeta classes, double alpha,
            Collection<String> foregroundClasses) {
        if (formats.isEmpty()) {
            throw new Seg4jException("no output format chosen");
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new Seg4jException("overlay alpha must be in 0..1, got " + alpha);
        }
        this.formats = EnumSet.copyOf(formats);
        this.classes = classes;
        this.alpha = alpha;
        this.foreground = Renderings.foreground(classes, foregroundClasses);
    }

    /** The formats this writer writes. */
    public Set<OutputFormat> formats() {
        return EnumSet.copyOf(formats);
    }

    /** Whether the writer needs class probabilities ({@link OutputFormat#PROBS}). */
    public boolean needsProbabilities() {
        return formats.contains(OutputFormat.PROBS);
    }

    /** The files {@link #write} creates for {@code stem}, in order. */
    public List<Path> targets(Path outDir, String stem) {
        List<Path> out = new ArrayList<>();
        for (OutputFormat f : formats) {
            if (f == OutputFormat.PROBS) {
                for (String name : classes.names()) {
                    out.add(outDir.resolve(stem + "_prob_" + Renderings.fileSafe(name) + ".png"));
                }
            } else {
                out.add(outDir.resolve(stem + f.suffix()));
            }
        }
        return out;
    }

    /**
     * Writes the outputs of one image.
     *
     * @param probs class probabilities at the image's size; required only for {@link OutputFormat#PROBS}
     * @return the files written
     */
    public List<Path> write(Path outDir, String stem, RgbImage image, LabelMask mask, Probabilities probs) {
        if (needsProbabilities() && probs == null) {
            throw new IllegalArgumentException("PROBS output needs the class probabilities");
        }
        int[] palette = classes.palette();
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (OutputFormat f : formats) {
            switch (f) {
                case MASK -> put(files, outDir.resolve(stem + f.suffix()), Renderings.indexMask(mask));
                case COLOR -> put(files, outDir.resolve(stem + f.suffix()), Renderings.colorMask(mask, palette));
                case OVERLAY -> put(files, outDir.resolve(stem + f.suffix()),
                        Renderings.overlay(image, mask, palette, alpha));
                case CUTOUT -> put(files, outDir.resolve(stem + f.suffix()),
                        Renderings.cutout(image, mask, foreground));
                case PROBS -> {
                    for (int c = 0; c < classes.numClasses(); c++) {
                        put(files, outDir.resolve(stem + "_prob_" + Renderings.fileSafe(classes.name(c)) + ".png"),
                                Renderings.probabilityMap(probs, c));
                    }
                }
                default -> throw new IllegalStateException(f.toString());
            }
        }
        for (Map.Entry<Path, byte[]> e : files.entrySet()) {
            byte[] bytes = e.getValue();
            AtomicFiles.write(e.getKey(), out -> out.write(bytes));
        }
        return List.copyOf(files.keySet());
    }

    private static void put(Map<Path, byte[]> files, Path target, BufferedImage image) {
        files.put(target, Images.encodePng(image));
    }
}
