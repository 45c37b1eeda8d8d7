package org.seg4j.transform;

import org.seg4j.Seg4jException;

/** Validation of transform settings; failures name the transform and the setting. */
final class Checks {

    private Checks() {}

    static void positive(String transform, String setting, int value) {
        if (value <= 0) {
            throw new Seg4jException(transform + ": " + setting + " must be positive, got " + value);
        }
    }

    static void range(String transform, String setting, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new Seg4jException(
                    transform + ": " + setting + " must be in [" + min + ", " + max + "], got " + value);
        }
    }

    static void grey(String transform, int fillGrey) {
        if (fillGrey < 0 || fillGrey > 255) {
            throw new Seg4jException(transform + ": image fill must be a grey level in 0..255, got " + fillGrey);
        }
    }
}
