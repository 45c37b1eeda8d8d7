package org.seg4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.seg4j.Seg4jException;
import org.seg4j.model.encoder.Encoders;

/**
 * Which options a model spec may set, and the check of a spec's options against them: the
 * architecture's own options ({@link ModelRegistry.Entry#options()}) followed by those of the
 * encoder it is built with ({@link Encoders.Entry#options()}). An unknown key is an error that
 * lists the valid ones; a value of the wrong type is an error naming the option and the type.
 */
public final class ModelOptions {

    private ModelOptions() {}

    /**
     * The options of {@code architecture} built with {@code encoder} (empty or {@code null}: the
     * architecture's default encoder), architecture options first, then the encoder's, then the
     * {@link TemporalOptions} every architecture accepts; a name declared twice is listed once, as
     * the first declares it.
     */
    public static List<ModelOption> declared(String architecture, String encoder) {
        ModelRegistry.Entry entry = ModelRegistry.entry(architecture);
        String enc = ModelRegistry.acceptedEncoder(entry, encoder);
        Map<String, ModelOption> byName = new LinkedHashMap<>();
        entry.options().forEach(o -> byName.putIfAbsent(o.name(), o));
        if (Encoders.isRegistered(enc)) {
            Encoders.entry(enc).options().forEach(o -> byName.putIfAbsent(o.name(), o));
        }
        TemporalOptions.OPTIONS.forEach(o -> byName.putIfAbsent(o.name(), o));
        return List.copyOf(byName.values());
    }

    /**
     * Throws a user error unless every key of {@code options} is an option of {@code architecture}
     * with {@code encoder} and every value has that option's type.
     */
    public static void check(String architecture, String encoder, Map<String, String> options) {
        List<ModelOption> valid = declared(architecture, encoder);
        List<String> unknown = new ArrayList<>();
        for (String key : options.keySet()) {
            if (valid.stream().noneMatch(o -> o.name().equals(key))) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            String enc = ModelRegistry.acceptedEncoder(ModelRegistry.entry(architecture), encoder);
            String subject = "model '" + architecture + "'" + (enc.isEmpty() ? "" : " with encoder '" + enc + "'");
            throw new Seg4jException(subject + " has no option" + (unknown.size() > 1 ? "s " : " ")
                    + String.join(", ", unknown) + "; its options: "
                    + (valid.isEmpty() ? "none" : String.join(", ", valid.stream().map(ModelOption::name).toList()))
                    + " (seg4j models --options " + architecture + ")");
        }
        for (ModelOption o : valid) {
            String value = options.get(o.name());
            if (value != null) {
                o.check(value);
            }
        }
    }

    /** Every option name of every registered architecture and encoder. */
    public static Set<String> allNames() {
        Set<String> names = new TreeSet<>();
        for (ModelRegistry.Entry e : ModelRegistry.entries()) {
            e.options().forEach(o -> names.add(o.name()));
        }
        TemporalOptions.OPTIONS.forEach(o -> names.add(o.name()));
        for (String enc : Encoders.names()) {
            Encoders.entry(enc).options().forEach(o -> names.add(o.name()));
        }
        return names;
    }
}
