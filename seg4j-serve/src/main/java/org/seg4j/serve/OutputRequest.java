package org.seg4j.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.seg4j.data.ClassMeta;
import org.seg4j.infer.output.Renderings;

/**
 * What a segmentation request asks for, checked before any work is done.
 *
 * @param format {@code json}, {@code mask}, {@code color}, {@code overlay} or {@code cutout}
 * @param alpha opacity of the colour mask in an overlay, 0..1
 * @param foreground for a cutout, which class ids stay visible
 */
record OutputRequest(Format format, double alpha, boolean[] foreground) {

    /** Response formats of {@code POST /v1/models/{name}/segment}. */
    enum Format { JSON, MASK, COLOR, OVERLAY, CUTOUT }

    /**
     * Parses the {@code format}, {@code alpha} and {@code classes} parameters (each may be null).
     *
     * @throws ApiException 400 for an unknown format, a bad alpha or an unknown class
     */
    static OutputRequest parse(String format, String alpha, String classes, ClassMeta meta) {
        Format f;
        try {
            f = format == null || format.isBlank() ? Format.JSON : Format.valueOf(format.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "bad_parameter", "unknown format '" + format
                    + "'; formats: json, mask, color, overlay, cutout");
        }
        double a = Renderings.DEFAULT_ALPHA;
        if (alpha != null && !alpha.isBlank()) {
            try {
                a = Double.parseDouble(alpha.trim());
            } catch (NumberFormatException e) {
                a = Double.NaN;
            }
            if (!(a >= 0 && a <= 1)) {
                throw new ApiException(400, "bad_parameter", "alpha must be a number in 0..1, got '" + alpha + "'");
            }
        }
        boolean[] fg = foreground(classes, meta);
        return new OutputRequest(f, a, fg);
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
