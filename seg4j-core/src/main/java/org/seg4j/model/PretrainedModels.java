package org.seg4j.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.seg4j.Seg4jException;

/**
 * Model directories shipped inside seg4j-core's jar, usable by name wherever a model directory is
 * expected ({@code seg4j predict --model selfie}, {@code Segmenter.load(Path.of("selfie"))}).
 *
 * <p>They are class-path resources under {@value #ROOT}{@code <name>/} rather than files next to an
 * installation, so that the name works the same from the CLI jar, from an application that depends
 * on seg4j-core, and in tests, with nothing to download or install. On first use a model's files
 * are copied to a temporary directory (deleted when the JVM exits), because every loader reads a
 * directory. An existing file or directory of the same name always wins over a built-in model.
 */
public final class PretrainedModels {

    /** Class-path folder of the built-in models. */
    public static final String ROOT = "org/seg4j/pretrained/";

    /** Built-in model names. */
    private static final List<String> NAMES = List.of("selfie");

    /** The files of a built-in model directory (the weights and manifest, with licence and notice). */
    private static final List<String> FILES = List.of(ModelDirectory.MANIFEST, ModelDirectory.WEIGHTS, "LICENSE",
            "NOTICE", "README.md");

    private static final Map<String, Path> EXTRACTED = new ConcurrentHashMap<>();

    private PretrainedModels() {}

    /** The built-in model names. */
    public static List<String> names() {
        return NAMES;
    }

    /** Whether {@code name} is a built-in model. */
    public static boolean isBuiltIn(String name) {
        return NAMES.contains(name);
    }

    /**
     * {@code dir} itself when it exists or is not a built-in name; otherwise the built-in model's
     * directory, copied out of the jar on first use.
     */
    public static Path resolve(Path dir) {
        if (dir == null || Files.exists(dir) || dir.getNameCount() != 1 || !isBuiltIn(dir.toString())) {
            return dir;
        }
        return directory(dir.toString());
    }

    /** The directory of built-in model {@code name}; the error lists the names. */
    public static Path directory(String name) {
        if (!isBuiltIn(name)) {
            throw new Seg4jException("no built-in model '" + name + "'; built-in models: " + String.join(", ", NAMES));
        }
        return EXTRACTED.computeIfAbsent(name, PretrainedModels::extract);
    }

    private static Path extract(String name) {
        try {
            Path dir = Files.createTempDirectory("seg4j-" + name + "-");
            for (String file : FILES) {
                try (InputStream in = PretrainedModels.class.getClassLoader()
                        .getResourceAsStream(ROOT + name + "/" + file)) {
                    if (in == null) {
                        throw new Seg4jException("built-in model '" + name + "' lacks " + ROOT + name + "/" + file
                                + " on the class path (a broken seg4j-core jar?)");
                    }
                    Path target = dir.resolve(file);
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    target.toFile().deleteOnExit();
                }
            }
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new Seg4jException("cannot copy built-in model '" + name + "' to a temporary directory: "
                    + e.getMessage(), e);
        }
    }
}
