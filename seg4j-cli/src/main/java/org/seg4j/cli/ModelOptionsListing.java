package org.seg4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelOptions;

/** {@code seg4j models --options}: the options one architecture accepts with one encoder, as text or JSON. */
final class ModelOptionsListing {

    private ModelOptionsListing() {}

    /** A block of text: a title line, then one line per option (name, type, default, meaning). */
    static String text(String architecture, String encoder) {
        List<ModelOption> options = ModelOptions.declared(architecture, encoder);
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s (encoder %s): %d options, set with "
                + "--model-option KEY=VALUE or model_options: in the configuration%n", architecture, encoder,
                options.size()));
        int name = 4;
        int type = 4;
        int def = 7;
        for (ModelOption o : options) {
            name = Math.max(name, o.name().length());
            type = Math.max(type, o.type().label().length());
            def = Math.max(def, o.defaultValue().length());
        }
        String format = "  %-" + name + "s  %-" + type + "s  %-" + def + "s  %s%n";
        sb.append(String.format(Locale.ROOT, format, "NAME", "TYPE", "DEFAULT", "MEANING"));
        for (ModelOption o : options) {
            String meaning = o.choices().isEmpty() ? o.description()
                    : o.description() + " (" + String.join(", ", o.choices()) + ")";
            sb.append(String.format(Locale.ROOT, format, o.name(), o.type().label(), o.defaultValue(), meaning));
        }
        return sb.toString();
    }

    /** The options as JSON-ready maps. */
    static List<Map<String, Object>> json(String architecture, String encoder) {
        return ModelOptions.declared(architecture, encoder).stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", o.name());
            m.put("type", o.type().label());
            m.put("default", o.defaultValue());
            m.put("description", o.description());
            if (!o.choices().isEmpty()) {
                m.put("choices", o.choices());
            }
            return m;
        }).toList();
    }
}
