package org.seg4j.train;

import java.util.Locale;
import org.seg4j.Seg4jException;

/**
 * Learning rate as a pure function of the global step (0-based), so that a resumed run follows
 * exactly the same curve. A linear warm-up from {@code lr / warmupSteps} to {@code lr} over the
 * first {@code warmupSteps} steps precedes the main curve, which then runs over the remaining
 * {@code totalSteps - warmupSteps} steps:
 *
 * <ul>
 *   <li>{@code constant}: {@code lr}
 *   <li>{@code poly}: {@code minLr + (lr - minLr) * (1 - p)^power}
 *   <li>{@code cosine}: {@code minLr + (lr - minLr) * (1 + cos(pi * p)) / 2}
 * </ul>
 *
 * where {@code p = (step - warmupSteps) / (totalSteps - warmupSteps)}, clamped to [0, 1].
 *
 * <p>A run with a time budget spans the steps that fit the budget ({@link RunLength}), which it
 * estimates at its checkpoints: the rate never depends on the clock directly.
 *
 * @param kind curve type
 * @param baseLr peak learning rate
 * @param minLr final learning rate of poly and cosine
 * @param totalSteps number of steps of the whole run
 * @param warmupSteps number of warm-up steps (0 for none)
 * @param power exponent of the poly curve
 */
public record LrSchedule(Kind kind, double baseLr, double minLr, long totalSteps, long warmupSteps, double power) {

    /** Curve type. */
    public enum Kind {
        CONSTANT,
        POLY,
        COSINE;

        /** Parses {@code constant}, {@code poly} or {@code cosine}. */
        public static Kind parse(String name) {
            String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
            return switch (n) {
                case "constant", "fixed", "none" -> CONSTANT;
                case "poly", "polynomial" -> POLY;
                case "cosine", "cos" -> COSINE;
                default -> throw new Seg4jException("unknown schedule '" + name + "'; valid: constant, poly, cosine");
            };
        }

        public String configName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public LrSchedule {
        if (!(baseLr > 0) || Double.isInfinite(baseLr)) {
            throw new Seg4jException("learning rate must be positive, got " + baseLr);
        }
        if (minLr < 0) {
            throw new Seg4jException("min_lr must not be negative, got " + minLr);
        }
        if (warmupSteps < 0 || totalSteps < 0) {
            throw new Seg4jException("step counts must not be negative");
        }
    }

    /** A constant rate without warm-up. */
    public static LrSchedule constant(double lr) {
        return new LrSchedule(Kind.CONSTANT, lr, 0, 0, 0, 1);
    }

    /** The learning rate of global step {@code step} (0-based). */
    public double lr(long step) {
        if (step < warmupSteps) {
            return baseLr * (step + 1) / warmupSteps;
        }
        if (kind == Kind.CONSTANT) {
            return baseLr;
        }
        long span = totalSteps - warmupSteps;
        double byStep = span <= 0 ? 1.0 : (double) (step - warmupSteps) / span;
        double p = Math.min(1.0, Math.max(0.0, byStep));
        return switch (kind) {
            case POLY -> minLr + (baseLr - minLr) * Math.pow(1.0 - p, power);
            case COSINE -> minLr + (baseLr - minLr) * 0.5 * (1.0 + Math.cos(Math.PI * p));
            default -> baseLr;
        };
    }
}
