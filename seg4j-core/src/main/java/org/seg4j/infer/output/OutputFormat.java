package org.seg4j.infer.output;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.seg4j.Seg4jException;

/** The files {@link PredictionWriter} can write for one image ({@code <stem>} = input file name without extension). */
public enum OutputFormat {
    /** {@code <stem>_mask.png}: 8-bit gray, pixel value = class id. */
    MASK("_mask.png"),
    /** {@code <stem>_color.png}: RGB, each pixel in its class's palette colour. */
    COLOR("_color.png"),
    /** {@code <stem>_overlay.png}: the image blended with the colour mask. */
    OVERLAY("_overlay.png"),
    /** {@code <stem>_prob_<class>.png}: one 8-bit gray map per class, value = round(255 * probability). */
    PROBS("_prob_<class>.png"),
    /** {@code <stem>_cutout.png}: RGBA, the image with alpha = the foreground classes' probability. */
    CUTOUT("_cutout.png"),
    /** {@code <stem>.json}: LabelMe file, one simplified polygon per region, for correction in LabelMe. */
    LABELME(".json"),
    /** {@value PredictionWriter#COCO_FILE}: one COCO file for all images, one polygon annotation per region. */
    COCO(PredictionWriter.COCO_FILE);

    private static final String VALID = "mask, color, overlay, probs, cutout, labelme, coco";

    private final String suffix;

    OutputFormat(String suffix) {
        this.suffix = suffix;
    }

    /**
     * File name suffix; for {@link #PROBS} {@code <class>} stands for the class name; for {@link #COCO}
     * the name of the one file written for all images.
     */
    public String suffix() {
        return suffix;
    }

    /** Parses a name such as {@code mask} or {@code OVERLAY}; the error lists the valid names. */
    public static OutputFormat parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new Seg4jException("unknown output format '" + name + "'; valid: " + VALID);
        }
    }

    /** Parses a comma-separated list such as {@code mask,overlay}. */
    public static Set<OutputFormat> parseList(String list) {
        Set<OutputFormat> out = EnumSet.noneOf(OutputFormat.class);
        for (String part : list.split(",")) {
            if (!part.isBlank()) {
                out.add(parse(part));
            }
        }
        if (out.isEmpty()) {
            throw new Seg4jException("no output format given; valid: " + VALID);
        }
        return out;
    }
}
