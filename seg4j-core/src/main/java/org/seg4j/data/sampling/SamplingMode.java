package org.seg4j.data.sampling;

import java.util.Arrays;
import java.util.Locale;
import org.seg4j.Seg4jException;

/**
 * How often each training image is drawn per epoch. Each mode gives every image a weight; an epoch
 * then draws as many samples as the data set has, in proportion to the weights
 * ({@link WeightedEpochOrder}).
 *
 * <ul>
 *   <li>{@link #NONE}: every image once per epoch, in a random order;
 *   <li>{@link #REPEAT_FACTOR} (LVIS, MMSegmentation's {@code RepeatDataset}): with {@code f(c)}
 *       the fraction of images containing class {@code c} and threshold {@code t}, the class repeat
 *       factor is {@code r(c) = max(1, sqrt(t / f(c)))} and an image's weight is the largest
 *       {@code r(c)} of the classes it contains (1 for an image with no labelled pixel);
 *   <li>{@link #CLASS_BALANCED}: pick a class uniformly among the classes present in the data set,
 *       then an image in proportion to its pixels of that class, so an image's weight is
 *       {@code mean over classes c of pixels(i, c) / pixels(c)}: images holding a large part of a
 *       rare class's pixels are drawn often.
 * </ul>
 */
public enum SamplingMode {

    /** Uniform: each image once per epoch. */
    NONE,

    /** Repeat-factor sampling over image-level class frequencies. */
    REPEAT_FACTOR,

    /** Uniform over classes, then over the pixels of that class. */
    CLASS_BALANCED;

    /** Parses {@code none}, {@code repeat-factor}, {@code class-balanced} or its alias {@code class-aware}. */
    public static SamplingMode parse(String text) {
        String key = text == null ? "NONE" : text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        if (key.equals("CLASS_AWARE")) {
            return CLASS_BALANCED;
        }
        if (key.equals("UNIFORM")) {
            return NONE;
        }
        for (SamplingMode m : values()) {
            if (m.name().equals(key)) {
                return m;
            }
        }
        throw new Seg4jException("unknown sampling '" + text + "'; valid: "
                + String.join(", ", Arrays.stream(values()).map(SamplingMode::configName).toList())
                + " (class-aware = class-balanced)");
    }

    /** The configuration name, e.g. {@code repeat-factor}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Per-image weights, indexed like the images of {@code counts}.
     *
     * @param repeatThreshold {@code t} of {@link #REPEAT_FACTOR} (ignored by the other modes)
     */
    public double[] weights(ImageClassCounts counts, double repeatThreshold) {
        int n = counts.images();
        int classes = counts.numClasses();
        double[] w = new double[n];
        switch (this) {
            case NONE -> Arrays.fill(w, 1);
            case REPEAT_FACTOR -> {
                if (!(repeatThreshold > 0) || repeatThreshold > 1) {
                    throw new Seg4jException("repeat_threshold must be in (0, 1], got " + repeatThreshold);
                }
                double[] r = new double[classes];
                for (int c = 0; c < classes; c++) {
                    double f = (double) counts.imagesWith(c) / n;
                    r[c] = f == 0 ? 1 : Math.max(1, Math.sqrt(repeatThreshold / f));
                }
                for (int i = 0; i < n; i++) {
                    w[i] = 1;
                    for (int c = 0; c < classes; c++) {
                        if (counts.counts()[i][c] > 0) {
                            w[i] = Math.max(w[i], r[c]);
                        }
                    }
                }
            }
            case CLASS_BALANCED -> {
                long[] total = new long[classes];
                int present = 0;
                for (int c = 0; c < classes; c++) {
                    total[c] = counts.pixels(c);
                    present += total[c] > 0 ? 1 : 0;
                }
                if (present == 0) {
                    throw new Seg4jException("class-balanced sampling: the masks hold no labelled pixel");
                }
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < classes; c++) {
                        if (total[c] > 0) {
                            w[i] += (double) counts.counts()[i][c] / total[c] / present;
                        }
                    }
                }
            }
            default -> throw new IllegalStateException(name());
        }
        return w;
    }
}
