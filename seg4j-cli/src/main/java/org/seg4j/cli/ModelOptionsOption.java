package org.seg4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seg4j.train.TrainConfig;

/**
 * How {@code --model-option KEY=VALUE} combines with a configuration: the options given on the
 * command line go on top of the configuration file's {@code model_options}, key by key, so that one
 * option can be changed without restating the others (as {@code seg4j train} and {@code seg4j cv}
 * both do).
 */
final class ModelOptionsOption {

    private ModelOptionsOption() {}

    /**
     * Puts the merged {@code model_options} into the override map {@code o} when there is anything to
     * merge.
     *
     * @param base the configuration read from the file (or the defaults)
     * @param o the overrides being built; a {@code model_options} map already in it (inherited from
     *     another run) sits between the file's and the command line's
     * @param options the {@code --model-option} values
     */
    static void putMerged(TrainConfig base, Map<String, Object> o, Map<String, String> options) {
        if (options.isEmpty()) {
            return;
        }
        Map<String, Object> merged = new LinkedHashMap<>(base.modelOptions());
        if (o.get("model_options") instanceof Map<?, ?> inherited) {
            inherited.forEach((k, v) -> merged.put(k.toString(), v));
        }
        merged.putAll(options);
        o.put("model_options", merged);
    }
}
