package org.seg4j.model;

import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;

/**
 * One architecture or encoder option that a {@link ModelSpec} may set: its name, value type,
 * default and meaning. Architectures declare theirs in their {@link ModelRegistry.Entry}, encoders
 * in their {@link org.seg4j.model.encoder.Encoders.Entry}; {@link ModelOptions} checks a spec's
 * options against them, and {@code seg4j models --options} lists them.
 *
 * <p>The declaration checks the type only; ranges that depend on other settings (an output stride
 * the encoder cannot provide, a head count that does not divide the width) are checked by the
 * builders.
 *
 * @param name key, in snake_case
 * @param type value type
 * @param defaultValue the default, as text for listings ("auto: ..." where it is derived)
 * @param description one line for listings
 * @param choices the valid values of a {@link Type#CHOICE}, else empty
 */
public record ModelOption(String name, Type type, String defaultValue, String description, List<String> choices) {

    /** Value types. */
    public enum Type {
        /** A whole number. */
        INT("an integer"),
        /** A decimal number. */
        NUMBER("a number"),
        /** Comma-separated whole numbers, e.g. {@code 6,12,18}. */
        INT_LIST("a comma-separated list of integers"),
        /** {@code N} or {@code HxW} whole numbers. */
        SIZE("N or HxW (integers)"),
        /** One of {@link ModelOption#choices()}. */
        CHOICE("one of the listed values");

        private final String expected;

        Type(String expected) {
            this.expected = expected;
        }

        /** What a value of this type looks like, for messages. */
        public String expected() {
            return expected;
        }

        /** The lower-case name used in listings. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public ModelOption {
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("model option names are snake_case, got '" + name + "'");
        }
        choices = choices == null ? List.of() : List.copyOf(choices);
        if ((type == Type.CHOICE) == choices.isEmpty()) {
            throw new IllegalArgumentException("option " + name + ": choices go with type CHOICE, and only with it");
        }
    }

    /** An integer option. */
    public static ModelOption integer(String name, Object defaultValue, String description) {
        return new ModelOption(name, Type.INT, String.valueOf(defaultValue), description, List.of());
    }

    /** A decimal option. */
    public static ModelOption number(String name, Object defaultValue, String description) {
        return new ModelOption(name, Type.NUMBER, String.valueOf(defaultValue), description, List.of());
    }

    /** A comma-separated integer list option. */
    public static ModelOption intList(String name, String defaultValue, String description) {
        return new ModelOption(name, Type.INT_LIST, defaultValue, description, List.of());
    }

    /** An {@code N} or {@code HxW} option. */
    public static ModelOption size(String name, String defaultValue, String description) {
        return new ModelOption(name, Type.SIZE, defaultValue, description, List.of());
    }

    /** An option with a fixed set of (lower-case) values. */
    public static ModelOption choice(String name, String defaultValue, String description, String... choices) {
        return new ModelOption(name, Type.CHOICE, defaultValue, description, List.of(choices));
    }

    /**
     * Throws a user error naming this option and the expected type unless {@code value} is of this
     * option's type.
     */
    public void check(String value) {
        String v = value == null ? "" : value.trim();
        boolean ok = switch (type) {
            case INT -> isInt(v);
            case NUMBER -> isNumber(v);
            case INT_LIST -> !v.isEmpty() && allInts(v.split("\\s*,\\s*", -1));
            case SIZE -> {
                String[] parts = v.toLowerCase(Locale.ROOT).split("x", -1);
                yield parts.length <= 2 && allInts(parts);
            }
            case CHOICE -> choices.contains(v.toLowerCase(Locale.ROOT));
        };
        if (!ok) {
            String expected = type == Type.CHOICE ? "one of " + String.join(", ", choices) : type.expected();
            throw new Seg4jException("model option " + name + " must be " + expected + ", got '" + value + "'");
        }
    }

    private static boolean allInts(String[] parts) {
        for (String p : parts) {
            if (!isInt(p.trim())) {
                return false;
            }
        }
        return parts.length > 0;
    }

    private static boolean isInt(String v) {
        try {
            Integer.parseInt(v);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static boolean isNumber(String v) {
        try {
            return Double.isFinite(Double.parseDouble(v));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
