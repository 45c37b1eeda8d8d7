package org.seg4j.data.region;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.seg4j.Seg4jException;

/**
 * The similarity measures of selective search's hierarchical grouping (Uijlings et al. 2013,
 * section 3.2), each in [0, 1]; a strategy sums a subset of them.
 */
public enum Similarity {
    /** Histogram intersection of 25-bin colour histograms per channel. */
    COLOUR,
    /** Histogram intersection of gradient histograms (8 orientations x 10 bins per channel). */
    TEXTURE,
    /** {@code 1 - (size(a) + size(b)) / size(image)}: small regions merge first. */
    SIZE,
    /** {@code 1 - (box(a ∪ b) - size(a) - size(b)) / size(image)}: regions that fill each other's gaps merge first. */
    FILL;

    /**
     * Parses a combination such as {@code CTSF} or {@code TSF} (C colour, T texture, S size, F fill).
     */
    public static Set<Similarity> parse(String letters) {
        Set<Similarity> out = EnumSet.noneOf(Similarity.class);
        for (char c : letters.trim().toUpperCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case 'C' -> out.add(COLOUR);
                case 'T' -> out.add(TEXTURE);
                case 'S' -> out.add(SIZE);
                case 'F' -> out.add(FILL);
                default -> throw new Seg4jException("unknown similarity '" + c + "' in '" + letters
                        + "'; use letters C (colour), T (texture), S (size), F (fill), e.g. CTSF");
            }
        }
        if (out.isEmpty()) {
            throw new Seg4jException("no similarity given; use letters C, T, S, F, e.g. CTSF");
        }
        return out;
    }

    /** The letters of a combination, e.g. {@code CTSF}. */
    public static String letters(Set<Similarity> set) {
        StringBuilder b = new StringBuilder();
        for (Similarity s : set) {
            b.append(s.name().charAt(0));
        }
        return b.toString();
    }
}
