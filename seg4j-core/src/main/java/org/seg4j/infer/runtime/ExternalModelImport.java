package org.seg4j.infer.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelSpec;
import org.seg4j.transform.Normalization;
import org.seg4j.util.BuildInfo;
import org.seg4j.util.Json;

/**
 * Turns an ONNX or TorchScript file into a model directory that {@code predict}, {@code eval} and
 * {@code serve} use like a seg4j model: checks the file first (opens it with its runtime, reads its
 * declared inputs and outputs, runs one dry pass on a zero image of the input size and checks the
 * output's shape and class count), then copies it next to a {@code model.json} naming the runtime,
 * classes, normalisation and input size.
 *
 * <pre>{@code
 * Check check = ExternalModelImport.builder()
 *         .setRuntime("onnx")
 *         .setFile(Path.of("model.onnx"))
 *         .setClasses(ClassMeta.read(Path.of("classes.yaml")))
 *         .setInputSize(360, 480)
 *         .build()
 *         .writeTo(Path.of("models/imported"));
 * }</pre>
 */
public final class ExternalModelImport {

    private final ModelRuntime runtime;
    private final Path file;
    private final ClassMeta classes;
    private final int height;
    private final int width;
    private final Normalization normalization;

    private ExternalModelImport(Builder b) {
        this.runtime = ModelRuntimes.find(b.runtime);
        this.file = b.file;
        this.classes = b.classes;
        this.height = b.height;
        this.width = b.width;
        this.normalization = b.normalization;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * What the check found.
     *
     * @param signature the model's declared inputs and outputs
     * @param millis time of the dry run at the input size
     */
    public record Check(String signature, double millis) {}

    /** Opens the file and runs one pass at the input size; throws naming the file on any mismatch. */
    public Check check() {
        try (ExternalForward pass = runtime.open(file, classes.numClasses())) {
            String signature = pass.signature();
            long start = System.nanoTime();
            float[] scores = pass.run(new float[3 * height * width], 1, height, width, false);
            double millis = (System.nanoTime() - start) / 1e6;
            for (float v : scores) {
                if (!Float.isFinite(v)) {
                    throw new Seg4jException(file + ": the dry run on a " + height + "x" + width
                            + " image gave non-finite scores");
                }
            }
            return new Check(signature, millis);
        }
    }

    /**
     * Checks the file, then writes {@code outDir} (created if needed; it must not hold a model
     * yet): the file under its runtime's usual name and {@code model.json}.
     */
    public Check writeTo(Path outDir) {
        if (Files.exists(outDir.resolve(ModelDirectory.MANIFEST))) {
            throw new Seg4jException(outDir + ": already holds a model; choose another output directory");
        }
        Check check = check();
        String name = "model" + runtime.extension();
        try {
            Files.createDirectories(outDir);
            Path tmp = Files.createTempFile(outDir, name, ".tmp");
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, outDir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Seg4jException(outDir + ": cannot write the model file: " + e.getMessage(), e);
        }
        Json.writeJson(outDir.resolve(ModelDirectory.MANIFEST), manifest(name, check));
        return check;
    }

    private ModelManifest manifest(String name, Check check) {
        var spec = new ModelSpec(runtime.name(), "", classes.numClasses(), 0, Map.of());
        var pre = new ModelManifest.Preprocessing(height, width, normalization, 1.0, null);
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("imported_from", file.toAbsolutePath().toString());
        origin.put("signature", check.signature());
        var provenance = new ModelManifest.Provenance(BuildInfo.version(), BuildInfo.djlVersion(),
                BuildInfo.engineVersion(), BuildInfo.gitCommit(), 0, "", OffsetDateTime.now().toString(), origin);
        return new ModelManifest(ModelManifest.FORMAT_VERSION, spec, classes, pre, provenance, Map.of(),
                runtime.name(), name);
    }

    /** Builder: runtime, file, classes and input size are required. */
    public static final class Builder {
        private String runtime;
        private Path file;
        private ClassMeta classes;
        private int height;
        private int width;
        private Normalization normalization = Normalization.IMAGENET;

        private Builder() {}

        /** The runtime name, e.g. {@code onnx} or {@code torchscript} ({@link ModelRuntimes}). */
        public Builder setRuntime(String runtime) {
            this.runtime = runtime;
            return this;
        }

        /** The model file. */
        public Builder setFile(Path file) {
            this.file = file;
            return this;
        }

        /** The classes the model predicts, in output-channel order. */
        public Builder setClasses(ClassMeta classes) {
            this.classes = classes;
            return this;
        }

        /** The input size the model was trained at (also the tile size for large images). */
        public Builder setInputSize(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

        /** Input normalisation (default ImageNet's mean and std). */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /** Checks the settings. */
        public ExternalModelImport build() {
            if (runtime == null || file == null || classes == null) {
                throw new Seg4jException("a model import needs a runtime, a file and classes");
            }
            if (!Files.isRegularFile(file)) {
                throw new Seg4jException(file + ": model file not found");
            }
            if (height < 1 || width < 1) {
                throw new Seg4jException(String.format(Locale.ROOT,
                        "the input size must be positive, got %dx%d", height, width));
            }
            return new ExternalModelImport(this);
        }
    }
}
