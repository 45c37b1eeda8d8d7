package org.seg4j.train;

import java.util.List;
import java.util.Locale;

/**
 * Turns a setting's value as YAML or the command line gives it (a number, a boolean or text) into
 * the Java type of its {@link TrainConfig} field. Bad values throw {@link IllegalArgumentException}
 * (or a {@link NumberFormatException}); {@link TrainConfigMaps} adds the key and the source.
 */
final class ConfigValues {

    private ConfigValues() {}

    static int asInt(Object v) {
        return Math.toIntExact(asLong(v));
    }

    static long asLong(Object v) {
        Object o = notNull(v);
        if (o instanceof Number n) {
            if (n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException("expected a whole number");
            }
            return n.longValue();
        }
        return Long.parseLong(o.toString().trim().replace("_", ""));
    }

    static double asDouble(Object v) {
        Object o = notNull(v);
        return o instanceof Number n ? n.doubleValue() : Double.parseDouble(o.toString().trim());
    }

    static boolean asBool(Object v) {
        Object o = notNull(v);
        if (o instanceof Boolean bo) {
            return bo;
        }
        String s = o.toString().trim().toLowerCase(Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    static String asString(Object v) {
        return notNull(v).toString();
    }

    /** A YAML list, a {@code float[]} or text such as {@code [1, 2.5, 0.5]}; {@code null} stays null. */
    static float[] asFloats(Object v) {
        if (v == null) {
            return null;
        }
        List<?> list;
        if (v instanceof List<?> l) {
            list = l;
        } else if (v instanceof float[] f) {
            return f.clone();
        } else {
            String s = v.toString().trim().replaceAll("^\\[|\\]$", "");
            list = List.of(s.split("\\s*,\\s*"));
        }
        float[] out = new float[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) asDouble(list.get(i));
        }
        return out;
    }

    /**
     * A YAML list or comma-separated text such as {@code 0001TP,0006R0} (brackets allowed), trimmed;
     * {@code null} or blank text is the empty list.
     */
    static List<String> asStrings(Object v) {
        if (v == null) {
            return List.of();
        }
        List<?> list = v instanceof List<?> l ? l
                : List.of(v.toString().trim().replaceAll("^\\[|\\]$", "").split(","));
        return list.stream().map(ConfigValues::name).filter(x -> !x.isEmpty()).toList();
    }

    // YAML reads an unquoted 0016E5 as the number 1600000.0: the name is lost, so ask for quotes
    private static String name(Object o) {
        if (o instanceof Double || o instanceof Float || o instanceof java.math.BigDecimal) {
            throw new IllegalArgumentException("the name " + o + " was read as a number; quote names that look "
                    + "like numbers, e.g. ['0016E5']");
        }
        return String.valueOf(o).trim();
    }

    private static Object notNull(Object v) {
        if (v == null) {
            throw new IllegalArgumentException("a value is required");
        }
        return v;
    }
}
