package org.seg4j.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
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
 */
@JsonPropertyOrder({"id", "name", "color"})
public record ClassInfo(
        @JsonProperty("id") int id,
        @JsonProperty("name") String name,
        @JsonIgnore int red,
        @JsonIgnore int green,
        @JsonIgnore int blue) {

    /** Reads the file form {@code {id: 3, name: road, color: [128, 64, 128]}}. */
    @JsonCreator
    public static ClassInfo of(
            @JsonProperty("id") int id, @JsonProperty("name") String name, @JsonProperty("color") int[] color) {
        if (color == null || color.length != 3) {
            throw new IllegalArgumentException("class " + id + " (" + name + "): color must be [r, g, b]");
        }
        return new ClassInfo(id, name, color[0], color[1], color[2]);
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
