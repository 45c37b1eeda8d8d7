package org.seg4j.serve;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.seg4j.Seg4jException;
import org.seg4j.infer.InferenceEngine;
import org.seg4j.model.ModelDirectory;

/**
 * A model to serve: the name clients use in URLs and the directory it is loaded from. Directories
 * come only from the operator (command line or Java API), never from a request.
 *
 * @param name URL-safe model name
 * @param dir model directory ({@code model.json} + {@code weights.params})
 * @param engine what runs a seg4j network's forward passes ({@code null} counts as {@link
 *     InferenceEngine#DJL}; see {@link org.seg4j.infer.Predictor#load})
 * @param components for a semantic model, instances by connected components ({@code serve --method
 *     components}), which adds the instance and panoptic formats; {@code null}: the model's own
 *     outputs only
 */
public record ModelSource(String name, Path dir, InferenceEngine engine, ComponentMethod components) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** A model run by the default engine (DJL). */
    public ModelSource(String name, Path dir) {
        this(name, dir, InferenceEngine.DJL, null);
    }

    /** A model run by {@code engine}, with its own outputs only. */
    public ModelSource(String name, Path dir, InferenceEngine engine) {
        this(name, dir, engine, null);
    }

    public ModelSource {
        engine = engine == null ? InferenceEngine.DJL : engine;
        if (name == null || !NAME.matcher(name).matches()) {
            throw new Seg4jException("model name '" + name + "' is not allowed: use 1-64 letters, digits, '.', '_'"
                    + " or '-', starting with a letter or digit");
        }
    }

    /**
     * Parses {@code NAME=DIR} or {@code DIR}. Without a name, the directory's name is used (its
     * parent's name when the directory is called {@code model}). A run directory of {@code seg4j
     * quickstart} or {@code train} that holds the model in {@code model/} is accepted as well.
     */
    public static ModelSource parse(String spec) {
        int eq = spec.indexOf('=');
        String name = eq > 0 ? spec.substring(0, eq) : null;
        Path dir = resolveDir(Path.of(eq > 0 ? spec.substring(eq + 1) : spec));
        if (name == null) {
            Path abs = dir.toAbsolutePath().normalize();
            Path file = abs.getFileName();
            if (file != null && file.toString().equals("model") && abs.getParent() != null
                    && abs.getParent().getFileName() != null) {
                file = abs.getParent().getFileName();
            }
            name = file == null ? "model" : file.toString();
        }
        return new ModelSource(name, dir);
    }

    /** The same model run by {@code value}. */
    public ModelSource withEngine(InferenceEngine value) {
        return new ModelSource(name, dir, value, components);
    }

    /**
     * The same model answering instances found by {@code value} as well ({@code null}: not). Only
     * for semantic models: {@link SegmentationServer#start} refuses it for a Mask R-CNN or a
     * panoptic model, and for a model without a thing class.
     */
    public ModelSource withComponents(ComponentMethod value) {
        return new ModelSource(name, dir, engine, value);
    }

    /** {@code dir}, or {@code dir/model} when only that one holds a model manifest. */
    static Path resolveDir(Path dir) {
        if (!Files.isRegularFile(dir.resolve(ModelDirectory.MANIFEST))
                && Files.isRegularFile(dir.resolve("model").resolve(ModelDirectory.MANIFEST))) {
            return dir.resolve("model");
        }
        return dir;
    }
}
