package org.seg4j.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import java.util.TreeMap;
import org.seg4j.Seg4jException;

/**
 * Everything needed to rebuild a model's structure: the architecture and encoder names from the
 * {@link ModelRegistry}, the number of classes, the base width and architecture-specific options.
 * It is stored in every model directory so that a model can be loaded without other input.
 *
 * <p>When the architecture is registered, the options are checked against it and the encoder
 * ({@link ModelOptions#check}): an unknown key, a value of the wrong type, or an encoder the
 * architecture does not accept is a {@link Seg4jException}. {@link ModelRegistry#create} checks
 * again, for architectures registered after the spec was made.
 *
 * @param architecture registry name, e.g. {@code unet}
 * @param encoder encoder name, e.g. {@code resnet18}; {@code null} or empty for the architecture's default
 * @param numClasses number of output classes
 * @param baseWidth channel width of the first stage (smaller is faster); 0 for the architecture's default
 * @param options architecture and encoder settings (e.g. {@code output_stride: "16"}), as strings;
 *     {@code seg4j models --options NAME} lists them
 */
public record ModelSpec(
        @JsonProperty("architecture") String architecture,
        @JsonProperty("encoder") String encoder,
        @JsonProperty("num_classes") int numClasses,
        @JsonProperty("base_width") int baseWidth,
        @JsonProperty("options") Map<String, String> options) {

    public ModelSpec {
        if (architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("a model spec needs an architecture name");
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("num_classes must be at least 1, got " + numClasses);
        }
        options = options == null ? Map.of() : Map.copyOf(new TreeMap<>(options));
        encoder = encoder == null ? "" : encoder;
        if (ModelRegistry.isRegistered(architecture)) {
            ModelOptions.check(architecture, encoder, options);
        }
    }

    /** A spec with default encoder, width and options. */
    public static ModelSpec of(String architecture, int numClasses) {
        return new ModelSpec(architecture, "", numClasses, 0, Map.of());
    }

    /** The option as an int, or {@code fallback} when absent. */
    public int intOption(String key, int fallback) {
        String v = options.get(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("model option " + key + " must be an integer, got '" + v + "'");
        }
    }

    /** The option as a string, or {@code fallback} when absent. */
    public String option(String key, String fallback) {
        return options.getOrDefault(key, fallback);
    }

    /** The base width, or {@code fallback} when the spec leaves it to the architecture. */
    public int widthOr(int fallback) {
        return baseWidth > 0 ? baseWidth : fallback;
    }

    /** The encoder name, or {@code fallback} when the spec leaves it to the architecture. */
    public String encoderOr(String fallback) {
        return encoder.isEmpty() ? fallback : encoder;
    }
}
