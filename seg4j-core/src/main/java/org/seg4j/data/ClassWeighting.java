package org.seg4j.data;

import java.util.Arrays;
import java.util.Locale;
import org.seg4j.Seg4jException;

/** How {@link ClassStatistics#weights} turns class frequencies into loss weights. */
public enum ClassWeighting {

    /** Every class weighs 1. */
    NONE,

    /** Median-frequency balancing (Eigen and Fergus): {@code median(freq) / freq(c)}. */
    MEDIAN_FREQUENCY,

    /** {@code 1 / sqrt(pixel share)}, scaled so that present classes average 1. */
    INVERSE_SQRT;

    /** Parses {@code none}, {@code median-frequency} or {@code inverse-sqrt} (case and - / _ ignored). */
    public static ClassWeighting parse(String text) {
        String key = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (ClassWeighting w : values()) {
            if (w.name().equals(key)) {
                return w;
            }
        }
        throw new Seg4jException("unknown class weighting '" + text + "'; valid: "
                + String.join(", ", Arrays.stream(values()).map(ClassWeighting::cliName).toList()));
    }

    /** The name used on the command line, e.g. {@code median-frequency}. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
