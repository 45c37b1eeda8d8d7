package org.seg4j.model;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.seg4j.Seg4jException;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.Json;

/**
 * Reads and writes a self-describing model directory: {@code model.json} (a {@link ModelManifest})
 * and {@code weights.params} (the network's parameters in DJL's format). Both files are written
 * atomically.
 */
public final class ModelDirectory {

    /** Manifest file name. */
    public static final String MANIFEST = "model.json";
    /** Weights file name. */
    public static final String WEIGHTS = "weights.params";

    private ModelDirectory() {}

    /** A loaded network with its manifest; closing it frees the parameters. */
    public static final class LoadedModel implements AutoCloseable {
        private final ModelManifest manifest;
        private final Block block;
        private final NDManager manager;

        LoadedModel(ModelManifest manifest, Block block, NDManager manager) {
            this.manifest = manifest;
            this.block = block;
            this.manager = manager;
        }

        public ModelManifest manifest() {
            return manifest;
        }

        public Block block() {
            return block;
        }

        /** The manager that owns the parameters. */
        public NDManager manager() {
            return manager;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /** Writes the manifest and weights of {@code block} into {@code dir}. */
    public static void save(Path dir, ModelManifest manifest, Block block) {
        saveWeights(dir.resolve(WEIGHTS), block);
        Json.writeJson(dir.resolve(MANIFEST), manifest);
    }

    /** Writes only the weights of {@code block} to {@code file}, atomically. */
    public static void saveWeights(Path file, Block block) {
        AtomicFiles.write(file, out -> {
            DataOutputStream data = new DataOutputStream(out);
            block.saveParameters(data);
            data.flush();
        });
    }

    /**
     * Reads only the manifest of a model directory ({@code dir} may name a built-in model: {@link
     * PretrainedModels}).
     */
    public static ModelManifest readManifest(Path dir) {
        Path file = PretrainedModels.resolve(dir).resolve(MANIFEST);
        if (!Files.isRegularFile(file)) {
            throw new Seg4jException(dir + ": not a model directory (no " + MANIFEST + "); built-in models: "
                    + String.join(", ", PretrainedModels.names()));
        }
        return Json.read(file, ModelManifest.class);
    }

    /**
     * Builds the network from the manifest and loads the weights into a new manager ({@code dir}
     * may name a built-in model: {@link PretrainedModels}).
     */
    public static LoadedModel load(Path modelDir) {
        Path dir = PretrainedModels.resolve(modelDir);
        ModelManifest manifest = readManifest(dir);
        if (manifest.isExternal()) {
            throw new Seg4jException(dir + ": holds a " + manifest.runtime() + " model file, not a seg4j network; "
                    + "it can be used for inference only (Predictor.load)");
        }
        Path weights = dir.resolve(WEIGHTS);
        if (!Files.isRegularFile(weights)) {
            throw new Seg4jException(dir + ": model directory has no " + WEIGHTS);
        }
        NDManager manager = NDManager.newBaseManager();
        try {
            Block block = ModelRegistry.create(manifest.model());
            initialize(block, manager, manifest.preprocessing().height(), manifest.preprocessing().width());
            loadWeights(weights, block, manager);
            return new LoadedModel(manifest, block, manager);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** Initialises {@code block}'s parameters for RGB input of the given size. */
    public static void initialize(Block block, NDManager manager, int height, int width) {
        block.initialize(manager, DataType.FLOAT32, new Shape(1, 3, height, width));
    }

    /** Loads weights written by {@link #saveWeights} into an initialised block. */
    public static void loadWeights(Path file, Block block, NDManager manager) {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            block.loadParameters(manager, new DataInputStream(in));
        } catch (IOException | MalformedModelException e) {
            throw new Seg4jException(file + ": cannot load weights: " + e.getMessage(), e);
        }
    }
}
