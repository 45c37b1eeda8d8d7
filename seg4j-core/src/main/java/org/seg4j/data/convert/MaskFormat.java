package org.seg4j.data.convert;

import java.util.Arrays;
import java.util.Locale;
import org.seg4j.Seg4jException;

/** How {@link LayoutWriter} stores masks. */
public enum MaskFormat {

    /** 8-bit gray PNG, pixel value = class id, void = the class list's void value. */
    INDEX,

    /** 8-bit palette PNG, index = class id, palette = class colours (what Pascal VOC ships). */
    PALETTE,

    /** RGB PNG in the class colours; void is black, or (224, 224, 192) when a class is black. */
    COLOR;

    /** Parses {@code index}, {@code palette} or {@code color} / {@code colour}. */
    public static MaskFormat parse(String text) {
        String key = text.strip().toUpperCase(Locale.ROOT);
        if (key.equals("COLOUR") || key.equals("RGB")) {
            return COLOR;
        }
        for (MaskFormat f : values()) {
            if (f.name().equals(key)) {
                return f;
            }
        }
        throw new Seg4jException("unknown mask format '" + text + "'; valid: "
                + String.join(", ", Arrays.stream(values()).map(f -> f.name().toLowerCase(Locale.ROOT)).toList()));
    }
}
