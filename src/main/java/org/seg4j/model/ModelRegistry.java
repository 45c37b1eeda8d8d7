package org.seg4j.model;

import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.seg4j.Seg4jException;
import org.seg4j.model.encoder.Encoders;

/**
 * Architectures by name. Adding an architecture means one new decoder class and one line in the
 * static block below.
 */
public final class ModelRegistry {

    /**
     * One registered architecture.
     *
     * @param name registry name
     * @param description one line for {@code seg4j models}
     * @param defaultEncoder encoder used when the spec names none
     * @param encoders encoder names this architecture accepts
     * @param factory builds the network from a spec
     */
    public record Entry(
            String name,
            String description,
            String defaultEncoder,
            List<String> encoders,
            Function<ModelSpec, Block> factory) {}

    private static final Map<String, Entry> ENTRIES = new LinkedHashMap<>();

    static {
        // Architectures register here, one line each.
        register(new Entry("unet", "U-Net: encoder + bilinear-upsampling decoder with skip concatenation",
                "unet", Encoders.names(), Architectures::unet));
        register(new Entry("fcn8s", "FCN-8s: score layers on pool3/4/5 fused by learned upsampling (option variant: 8/16/32)",
                "vgg16", Encoders.names(), Architectures::fcn));
        register(new Entry("segmenter", "Segmenter: ViT encoder + mask transformer decoder (options patch_size, depth, dec_depth, pos_grid)",
                "vit-tiny", Encoders.names(), Architectures::segmenter));
    }

    private ModelRegistry() {}

    /** Registers an architecture (used by the static block and by applications adding their own). */
    public static synchronized void register(Entry entry) {
        ENTRIES.put(entry.name().toLowerCase(Locale.ROOT), entry);
    }

    /** All registered entries in registration order. */
    public static synchronized List<Entry> entries() {
        return Collections.unmodifiableList(new ArrayList<>(ENTRIES.values()));
    }

    /** Registered names. */
    public static List<String> names() {
        return entries().stream().map(Entry::name).toList();
    }

    /** The entry for {@code name}; the error lists the valid names. */
    public static synchronized Entry entry(String name) {
        Entry e = ENTRIES.get(name == null ? "" : name.toLowerCase(Locale.ROOT));
        if (e == null) {
            throw new Seg4jException("unknown model '" + name + "'; available: " + String.join(", ", ENTRIES.keySet()));
        }
        return e;
    }

    /** Builds the (uninitialised) network described by {@code spec}. */
    public static Block create(ModelSpec spec) {
        Entry e = entry(spec.architecture());
        String encoder = spec.encoderOr(e.defaultEncoder());
        if (!e.encoders().isEmpty() && !e.encoders().contains(encoder)) {
            throw new Seg4jException("model '" + e.name() + "' does not work with encoder '" + encoder
                    + "'; it accepts: " + String.join(", ", e.encoders()));
        }
        return e.factory().apply(spec);
    }
}
