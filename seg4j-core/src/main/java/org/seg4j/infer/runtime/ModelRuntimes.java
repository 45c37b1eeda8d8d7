package org.seg4j.infer.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import org.seg4j.Seg4jException;
import org.seg4j.infer.InferenceEngine;
import org.seg4j.model.ModelManifest;

/** Finds {@link ModelRuntime}s and {@link NetworkExporter}s on the class path by name. */
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

    /**
     * The exporter whose files {@code runtime} runs.
     *
     * @throws Seg4jException naming the module that adds it
     */
    public static NetworkExporter exporter(String runtime) {
        for (NetworkExporter e : ServiceLoader.load(NetworkExporter.class, ModelRuntimes.class.getClassLoader())) {
            if (e.runtime().equalsIgnoreCase(runtime)) {
                return e;
            }
        }
        throw new Seg4jException("no exporter to " + runtime + " on the class path"
                + (runtime.equalsIgnoreCase("onnx") ? " (add the seg4j-onnx module for ONNX Runtime)" : ""));
    }

    /**
     * Opens the seg4j network in {@code dir} with {@code engine}'s runtime: its export from {@code
     * cache} (made now when missing), run by the same {@link ModelRuntime} as an imported file.
     *
     * @throws Seg4jException naming the directory when the network cannot be exported, with the
     *     advice to run it with DJL
     */
    public static ExternalForward openExport(Path dir, ModelManifest manifest, InferenceEngine engine,
            ExportCache cache) {
        if (engine.runtime() == null) {
            throw new IllegalArgumentException(engine + " runs seg4j networks itself, not an export");
        }
        if (manifest.isExternal()) {
            throw new IllegalArgumentException(dir + ": already a " + manifest.runtime() + " model file");
        }
        String advice = "; run it with --engine djl (InferenceEngine.DJL)";
        if (manifest.isPanoptic()) {
            throw new Seg4jException(dir + " (" + manifest.model().architecture() + "): a panoptic model cannot run on "
                    + engine + " (its graph has three outputs)" + advice);
        }
        ModelRuntime runtime = find(engine.runtime());
        ExportCache.Entry entry;
        try {
            entry = cache.obtain(dir, manifest, exporter(engine.runtime()), runtime.extension());
        } catch (Seg4jException e) {
            throw new Seg4jException(dir + " (" + manifest.model().architecture() + "): cannot run on " + engine
                    + ": " + e.getMessage() + advice, e);
        }
        return runtime.open(entry.file(), manifest.classes().numClasses());
    }
}
