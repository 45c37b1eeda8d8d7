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
import org.seg4j.data.convert.CocoWriter;
import org.seg4j.data.convert.LabelMeWriter;
import org.seg4j.data.polygon.MaskPolygons;
import org.seg4j.data.polygon.Region;
import org.seg4j.infer.Images;
import org.seg4j.infer.Probabilities;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.Json;

/**
 * Writes a chosen set of {@link OutputFormat}s for one image into a folder. All files of an image
 * are rendered and encoded in memory first and then each is written atomically, so a failure
 * while rendering writes nothing and no reader ever sees a partial PNG. The polygon formats
 * ({@link OutputFormat#LABELME}, {@link OutputFormat#COCO}) trace every region of each class with
 * {@link MaskPolygons}; COCO collects all images and is written by {@link #finish}.
 */
public final class PredictionWriter {

    /** Name of the one COCO file written for all images. */
    public static final String COCO_FILE = "coco.json";

    /** Default Douglas-Peucker tolerance of the polygon formats, in pixels. */
    public static final double DEFAULT_POLYGON_TOLERANCE = 1.0;

    private final Set<OutputFormat> formats;
    private final ClassMeta classes;
    private final double alpha;
    private final boolean[] foreground;
    private final double polygonTolerance;
    private final CocoWriter coco;

    /**
     * @param formats what to write (at least one)
     * @param classes class names and palette
     * @param alpha overlay opacity, 0..1 ({@link Renderings#DEFAULT_ALPHA} is 0.5)
     * @param foregroundClasses cutout classes; empty = all but background (see {@link Renderings#foreground})
     */
    public PredictionWriter(Set<OutputFormat> formats, ClassMeta classes, double alpha,
            Collection<String> foregroundClasses) {
        this(formats, classes, alpha, foregroundClasses, DEFAULT_POLYGON_TOLERANCE);
    }

    /**
     * @param formats what to write (at least one)
     * @param classes class names and palette
     * @param alpha overlay opacity, 0..1 ({@link Renderings#DEFAULT_ALPHA} is 0.5)
     * @param foregroundClasses cutout classes; empty = all but background (see {@link Renderings#foreground})
     * @param polygonTolerance Douglas-Peucker tolerance of the polygon formats in pixels (0 = exact outlines)
     */
    public PredictionWriter(Set<OutputFormat> formats, ClassMeta classes, double alpha,
            Collection<String> foregroundClasses, double polygonTolerance) {
        if (!(polygonTolerance >= 0) || Double.isInfinite(polygonTolerance)) {
            throw new Seg4jException("--polygon-tolerance must be a finite number of pixels >= 0, got "
                    + polygonTolerance);
        }
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
        this.polygonTolerance = polygonTolerance;
        this.coco = formats.contains(OutputFormat.COCO) ? new CocoWriter(classes) : null;
    }

    /** The formats this writer writes. */
    public Set<OutputFormat> formats() {
        return EnumSet.copyOf(formats);
    }

    /**
     * Whether the writer needs class probabilities ({@link OutputFormat#PROBS}, and {@link
     * OutputFormat#CUTOUT}, whose alpha is the foreground probability).
     */
    public boolean needsProbabilities() {
        return formats.contains(OutputFormat.PROBS) || formats.contains(OutputFormat.CUTOUT);
    }

    /** The files {@link #write} creates for {@code stem}, in order. */
    public List<Path> targets(Path outDir, String stem) {
        List<Path> out = new ArrayList<>();
        for (OutputFormat f : formats) {
            if (f == OutputFormat.PROBS) {
                for (String name : classes.names()) {
                    out.add(outDir.resolve(stem + "_prob_" + Renderings.fileSafe(name) + ".png"));
                }
            } else if (f != OutputFormat.COCO) {
                out.add(outDir.resolve(stem + f.suffix()));
            }
        }
        return out;
    }

    /**
     * Writes the outputs of one image that has no file (the polygon formats then name it
     * {@code <stem>.png}).
     *
     * @param probs class probabilities at the image's size; required only when {@link
     *     #needsProbabilities()}
     * @return the files written
     */
    public List<Path> write(Path outDir, String stem, RgbImage image, LabelMask mask, Probabilities probs) {
        return write(outDir, stem, null, image, mask, probs);
    }

    /**
     * Writes the outputs of one image.
     *
     * @param source the image file, which the LabelMe and COCO files refer to; {@code null} for none
     * @param probs class probabilities at the image's size; required only when {@link
     *     #needsProbabilities()}
     * @return the files written (the COCO file only by {@link #finish})
     */
    public List<Path> write(Path outDir, String stem, Path source, RgbImage image, LabelMask mask,
            Probabilities probs) {
        if (needsProbabilities() && probs == null) {
            throw new IllegalArgumentException("the probs and cutout outputs need the class probabilities");
        }
        List<Region> regions = formats.contains(OutputFormat.LABELME) || coco != null
                ? MaskPolygons.of(mask, polygonTolerance) : null;
        int[] palette = classes.palette();
        Map<Path, byte[]> files = new LinkedHashMap<>();
        for (OutputFormat f : formats) {
            switch (f) {
                case MASK -> put(files, outDir.resolve(stem + f.suffix()), Renderings.indexMask(mask));
                case COLOR -> put(files, outDir.resolve(stem + f.suffix()), Renderings.colorMask(mask, palette));
                case OVERLAY -> put(files, outDir.resolve(stem + f.suffix()),
                        Renderings.overlay(image, mask, palette, alpha));
                case CUTOUT -> put(files, outDir.resolve(stem + f.suffix()),
                        Renderings.softCutout(image, probs, foreground));
                case LABELME -> {
                    Path target = outDir.resolve(stem + f.suffix());
                    String imagePath = source == null ? stem + ".png" : relative(outDir, source);
                    files.put(target, jsonBytes(LabelMeWriter.toJson(regions, classes, imagePath, mask.width(),
                            mask.height())));
                }
                case COCO -> coco.add(source == null ? stem + ".png" : source.getFileName().toString(),
                        mask.width(), mask.height(), regions);
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

    /**
     * Writes what is collected for all images ({@value #COCO_FILE} when {@link OutputFormat#COCO} is
     * chosen and at least one image was written); returns the files written.
     */
    public List<Path> finish(Path outDir) {
        if (coco == null || coco.size() == 0) {
            return List.of();
        }
        Path file = outDir.resolve(COCO_FILE);
        coco.write(file);
        return List.of(file);
    }

    private static byte[] jsonBytes(Object value) {
        try {
            return Json.JSON.writeValueAsBytes(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot encode JSON: " + e.getMessage(), e);
        }
    }

    // LabelMe resolves imagePath against the JSON file's folder
    private static String relative(Path outDir, Path source) {
        Path abs = source.toAbsolutePath().normalize();
        try {
            return outDir.toAbsolutePath().normalize().relativize(abs).toString().replace('\\', '/');
        } catch (IllegalArgumentException e) {
            return abs.toString();
        }
    }

    private static void put(Map<Path, byte[]> files, Path target, BufferedImage image) {
        files.put(target, Images.encodePng(image));
    }
}
