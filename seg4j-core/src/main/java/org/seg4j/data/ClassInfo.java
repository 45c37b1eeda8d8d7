package org.seg4j.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * One semantic class: its index in the model output, a human-readable name and the colour used in
 * colour masks and overlays.
 *
 * @param id class index, 0-based and contiguous within a {@link ClassMeta}
 * @param name display name, e.g. {@code road}
 * @param red red component of the colour, 0-255
 * @param green green component, 0-255
 * @param blue blue component, 0-255
 * @param isThing whether the class has countable instances (a "thing", e.g. {@code car}, {@code cell})
 *     rather than amorphous "stuff" ({@code road}, {@code membrane}); {@code isthing} in files, as in
 *     COCO panoptic's categories, written only when true
 */
@JsonPropertyOrder({"id", "name", "color", "isthing"})
public record ClassInfo(
        @JsonProperty("id") int id,
        @JsonProperty("name") String name,
        @JsonIgnore int red,
        @JsonIgnore int green,
        @JsonIgnore int blue,
        @JsonProperty("isthing") @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean isThing) {

    /** A stuff class (not a thing). */
    public ClassInfo(int id, String name, int red, int green, int blue) {
        this(id, name, red, green, blue, false);
    }

    /**
     * Reads the file form {@code {id: 3, name: road, color: [128, 64, 128]}}, optionally with
     * {@code isthing: true} (or 1, as COCO writes it).
     */
    @JsonCreator
    public static ClassInfo of(@JsonProperty("id") int id, @JsonProperty("name") String name,
            @JsonProperty("color") int[] color, @JsonProperty("isthing") Object isThing) {
        if (color == null || color.length != 3) {
            throw new IllegalArgumentException("class " + id + " (" + name + "): color must be [r, g, b]");
        }
        return new ClassInfo(id, name, color[0], color[1], color[2], thing(id, name, isThing));
    }

    private static boolean thing(int id, String name, Object isThing) {
        if (isThing == null || Boolean.FALSE.equals(isThing) || Integer.valueOf(0).equals(isThing)) {
            return false;
        }
        if (Boolean.TRUE.equals(isThing) || Integer.valueOf(1).equals(isThing)) {
            return true;
        }
        throw new IllegalArgumentException("class " + id + " (" + name + "): isthing must be true/false (or 1/0), got "
                + isThing);
    }

    /** This class with its thing/stuff flag set. */
    public ClassInfo withThing(boolean thing) {
        return new ClassInfo(id, name, red, green, blue, thing);
    }

    /** The colour as {@code [r, g, b]}, the form used in files. */
    @JsonProperty("color")
    public int[] color() {
        return new int[] {red, green, blue};
    }


    public ClassInfo {
        if (id < 0 || id > 254) {
            throw new IllegalArgumentException("class id must be in 0..254, got " + id);
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("class " + id + " has no name");
        }
        checkChannel("red", red);
        checkChannel("green", green);
        checkChannel("blue", blue);
    }

    private static void checkChannel(String which, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(which + " must be in 0..255, got " + value);
        }
    }

    /** The colour packed as {@code 0xRRGGBB}. */
    @JsonIgnore
    public int rgb() {
        return (red << 16) | (green << 8) | blue;
    }
}
