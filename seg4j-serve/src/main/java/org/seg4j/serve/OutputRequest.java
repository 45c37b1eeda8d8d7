package org.seg4j.serve;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.instance.CocoDetectionResults.MaskEncoding;
import org.seg4j.infer.output.Renderings;

/**
 * What a segmentation request asks for, checked before any work is done.
 *
 * @param format the response format; one the model's {@link ModelTask} supports
 * @param alpha opacity of the colours in an overlay, 0..1
 * @param foreground for a cutout, which class ids stay visible
 * @param masks how {@code instances} writes each mask: RLE or polygons
 * @param tolerance Douglas-Peucker tolerance of polygons, in pixels (0: exact outlines)
 */
record OutputRequest(Format format, double alpha, boolean[] foreground, MaskEncoding masks, double tolerance) {

    /** Default polygon tolerance, as {@code predict --polygon-tolerance}. */
    static final double DEFAULT_TOLERANCE = 1.0;

    /** Response formats of {@code POST /v1/models/{name}/segment} and the tasks that have each. */
    enum Format {
        /** Per-class pixels and shares (JSON). */
        JSON(ModelTask.SEMANTIC, ModelTask.PANOPTIC),
        /** Class id per pixel (8-bit PNG). */
        MASK(ModelTask.SEMANTIC, ModelTask.PANOPTIC),
        /** Class colours (PNG). */
        COLOR(ModelTask.SEMANTIC, ModelTask.PANOPTIC),
        /** The model's overlay: class colours, or for a detector its instances with boxes (PNG). */
        OVERLAY(ModelTask.SEMANTIC, ModelTask.PANOPTIC, ModelTask.INSTANCE),
        /** The image with the unselected classes transparent (RGBA PNG). */
        CUTOUT(ModelTask.SEMANTIC, ModelTask.PANOPTIC),
        /** COCO results: per instance class, score, box and RLE or polygon mask (JSON). */
        INSTANCES(ModelTask.PANOPTIC, ModelTask.INSTANCE),
        /** Instance number per pixel, 0 none (16-bit PNG), as {@code <stem>_instances.png}. */
        INSTANCE_IDS(ModelTask.PANOPTIC, ModelTask.INSTANCE),
        /** Each instance in its own colour, as {@code <stem>_instances_overlay.png} (PNG). */
        INSTANCE_OVERLAY(ModelTask.PANOPTIC, ModelTask.INSTANCE),
        /** COCO panoptic: {@code segments_info}, categories and the panoptic PNG in base64 (JSON). */
        PANOPTIC(ModelTask.PANOPTIC);

        private final Set<ModelTask> tasks;

        Format(ModelTask first, ModelTask... rest) {
            this.tasks = EnumSet.of(first, rest);
        }

        /** The parameter value, e.g. {@code instance_overlay}. */
        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The formats a model of {@code task} answers, in order. */
        static List<String> namesFor(ModelTask task) {
            List<String> out = new ArrayList<>();
            for (Format f : values()) {
                if (f.tasks.contains(task)) {
                    out.add(f.label());
                }
            }
            return out;
        }
    }

    /**
     * Parses the {@code format}, {@code alpha}, {@code classes}, {@code masks} and {@code tolerance}
     * parameters (each may be null). Without a format, a model with a class map answers {@code json}
     * and a detector {@code instances}.
     *
     * @throws ApiException 400 for an unknown format or one the model's task does not have, a bad
     *     alpha, an unknown class, or a bad mask encoding or tolerance
     */
    static OutputRequest parse(String format, String alpha, String classes, String masks, String tolerance,
            ClassMeta meta, ModelTask task) {
        Format f;
        if (format == null || format.isBlank()) {
            f = task.hasClassMap() ? Format.JSON : Format.INSTANCES;
        } else {
            try {
                f = Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "bad_parameter", "unknown format '" + format + "'; formats: "
                        + String.join(", ", Format.namesFor(task)));
            }
        }
        if (!f.tasks.contains(task)) {
            throw new ApiException(400, "bad_parameter", "format '" + f.label() + "' is for "
                    + (f.tasks.contains(ModelTask.SEMANTIC) ? "models with a class map (semantic or panoptic)"
                            : f == Format.PANOPTIC ? "panoptic models" : "instance and panoptic models")
                    + "; this is " + article(task) + " model, whose formats are: "
                    + String.join(", ", Format.namesFor(task))
                    + (task == ModelTask.SEMANTIC ? " (serve it with --method components for instances: each"
                            + " connected region of a thing class one instance)" : ""));
        }
        double a = number(alpha, Renderings.DEFAULT_ALPHA);
        if (!(a >= 0 && a <= 1)) {
            throw new ApiException(400, "bad_parameter", "alpha must be a number in 0..1, got '" + alpha + "'");
        }
        MaskEncoding encoding = MaskEncoding.RLE;
        if (masks != null && !masks.isBlank()) {
            try {
                encoding = MaskEncoding.valueOf(masks.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, "bad_parameter", "masks must be rle or polygon, got '" + masks + "'");
            }
        }
        double tol = number(tolerance, DEFAULT_TOLERANCE);
        if (!(tol >= 0 && tol <= 1000)) {
            throw new ApiException(400, "bad_parameter", "tolerance must be a number of pixels in 0..1000, got '"
                    + tolerance + "'");
        }
        boolean[] fg = foreground(classes, meta);
        return new OutputRequest(f, a, fg, encoding, tol);
    }

    private static String article(ModelTask task) {
        return (task == ModelTask.INSTANCE ? "an " : "a ") + task.label();
    }

    private static double number(String text, double fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            return Double.NaN; // the caller's range check names the parameter and the value
        }
    }

    /**
     * Class names or ids separated by commas; empty means every class except {@code background}
     * (or class 0 when there is none).
     */
    private static boolean[] foreground(String classes, ClassMeta meta) {
        List<String> names = new ArrayList<>();
        if (classes != null) {
            for (String part : classes.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                if (p.chars().allMatch(Character::isDigit) && p.length() < 4) {
                    int id = Integer.parseInt(p);
                    if (id >= meta.numClasses()) {
                        throw unknownClass(p, meta);
                    }
                    names.add(meta.name(id));
                } else if (meta.idOf(p) < 0) {
                    throw unknownClass(p, meta);
                } else {
                    names.add(p);
                }
            }
        }
        return Renderings.foreground(meta, names);
    }

    private static ApiException unknownClass(String name, ClassMeta meta) {
        return new ApiException(400, "bad_parameter", "unknown class '" + name + "'; classes: "
                + String.join(", ", meta.names()));
    }
}
