package org.seg4j.infer.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelManifest;

/** Finds {@link ModelRuntime}s on the class path by name. */
public final class ModelRuntimes {

    private ModelRuntimes() {}

    /** Every runtime on the class path. */
    public static List<ModelRuntime> available() {
        List<ModelRuntime> all = new ArrayList<>();
        ServiceLoader.load(ModelRuntime.class, ModelRuntimes.class.getClassLoader()).forEach(all::add);
        return all;
    }

    /**
     * The runtime called {@code name} (case-insensitive).
     *
     * @throws Seg4jException naming the runtimes available, and the module that adds ONNX Runtime
     */
    public static ModelRuntime find(String name) {
        List<ModelRuntime> all = available();
        for (ModelRuntime r : all) {
            if (r.name().equalsIgnoreCase(name)) {
                return r;
            }
        }
        List<String> names = all.stream().map(ModelRuntime::name).toList();
        String hint = name.toLowerCase(Locale.ROOT).equals("onnx")
                ? " (add the seg4j-onnx module to the class path for ONNX Runtime)"
                : "";
        throw new Seg4jException("no model runtime '" + name + "'" + hint + "; available: " + names);
    }

    /**
     * Opens the model file of an external model directory with the manifest's runtime.
     *
     * @throws Seg4jException when the manifest names no runtime, the runtime is missing or the
     *     file is absent
     */
    public static ExternalForward open(Path dir, ModelManifest manifest) {
        if (!manifest.isExternal()) {
            throw new Seg4jException(dir + ": a seg4j network, not a model file for a runtime");
        }
        Path file = dir.resolve(manifest.file()).normalize();
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(dir + ": the manifest names " + manifest.runtime() + " file '" + manifest.file()
                    + "' but " + file + " does not exist");
        }
        return find(manifest.runtime()).open(file, manifest.classes().numClasses());
    }
}
