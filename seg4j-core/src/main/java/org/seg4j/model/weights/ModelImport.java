package org.seg4j.model.weights;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.transform.Normalization;
import org.seg4j.util.BuildInfo;

/**
 * Turns a PyTorch state dict into a seg4j model directory: builds the network of a {@link
 * ModelSpec}, fills it through the encoder's or the whole model's mapping table, and writes {@code
 * model.json} (classes, normalisation, input scale, tile size) and {@code weights.params}. An
 * encoder-only import (ImageNet classification weights) leaves the decoder and head at their fresh
 * initialisation, ready for {@code train --init}.
 *
 * <pre>{@code
 * ImportReport report = ModelImport.builder()
 *         .setWeights(Path.of("resnet18.safetensors"))
 *         .setSpec(new ModelSpec("deeplabv3plus", "resnet18", 11, 0, Map.of()))
 *         .setClasses(ClassMeta.camvid())
 *         .optEncoderOnly(true)
 *         .build()
 *         .writeTo(Path.of("models/deeplab-imagenet"));
 * }</pre>
 */
public final class ModelImport {

    private final Path weights;
    private final ModelSpec spec;
    private final ClassMeta classes;
    private final boolean encoderOnly;
    private final String sourcePrefix;
    private final Normalization normalization;
    private final int height;
    private final int width;
    private final double scale;
    private final String resize;
    private final String source;
    private final List<String> skipPrefixes;

    private ModelImport(Builder b) {
        this.weights = b.weights;
        this.spec = b.spec;
        this.classes = b.classes;
        this.encoderOnly = b.encoderOnly;
        this.sourcePrefix = b.sourcePrefix;
        this.normalization = b.normalization;
        this.height = b.height;
        this.width = b.width;
        this.scale = b.scale;
        this.resize = b.resize;
        this.source = b.source;
        this.skipPrefixes = List.copyOf(b.skipPrefixes);
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Imports and writes the model directory {@code outDir} (created if needed; it must not hold a
     * model yet).
     *
     * @throws Seg4jException when the weights do not fit (see {@link WeightImporter#load})
     */
    public ImportReport writeTo(Path outDir) {
        if (Files.exists(outDir.resolve(ModelDirectory.MANIFEST))) {
            throw new Seg4jException(outDir + ": already holds a model; choose another output directory");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            Block block = ModelRegistry.create(spec);
            WeightMapping mapping = ModelMappings.forModel(spec, block, encoderOnly);
            ModelDirectory.initialize(block, manager, height, width);
            Map<String, NDArray> arrays = TensorFile.read(weights, manager);
            WeightImporter.Builder importer = WeightImporter.builder()
                    .setMapping(mapping)
                    .optSourcePrefix(sourcePrefix)
                    .optPartial(encoderOnly)
                    .optSourceName(weights.toString());
            skipPrefixes.forEach(importer::addSkipPrefix);
            ImportReport report = importer.build().load(arrays, block);
            Files.createDirectories(outDir);
            ModelDirectory.save(outDir, manifest(report), block);
            return report;
        } catch (java.io.IOException e) {
            throw new Seg4jException(outDir + ": cannot create: " + e.getMessage(), e);
        }
    }

    private ModelManifest manifest(ImportReport report) {
        var pre = new ModelManifest.Preprocessing(height, width, normalization, scale,
                ModelManifest.Preprocessing.RESIZE_NONE.equals(resize) ? null : resize);
        Map<String, Object> origin = new LinkedHashMap<>();
        origin.put("imported_from", source != null ? source : weights.toAbsolutePath().toString());
        origin.put("encoder_only", encoderOnly);
        origin.put("source_prefix", report.sourcePrefix());
        if (!skipPrefixes.isEmpty()) {
            origin.put("skipped_prefixes", skipPrefixes);
        }
        origin.put("filled", report.filled());
        origin.put("total", report.total());
        var provenance = new ModelManifest.Provenance(BuildInfo.version(), BuildInfo.djlVersion(),
                BuildInfo.engineVersion(), BuildInfo.gitCommit(), 0, "", OffsetDateTime.now().toString(), origin);
        return new ModelManifest(ModelManifest.FORMAT_VERSION, spec, classes, pre, provenance, Map.of());
    }

    /** Builder: weights, spec and classes are required. */
    public static final class Builder {
        private Path weights;
        private ModelSpec spec;
        private ClassMeta classes;
        private boolean encoderOnly;
        private String sourcePrefix;
        private Normalization normalization = Normalization.IMAGENET;
        private int height = 512;
        private int width = 512;
        private double scale = 1.0;
        private String resize;
        private String source;
        private final List<String> skipPrefixes = new ArrayList<>();

        private Builder() {}

        /**
         * Leave out the arrays whose key starts with {@code prefix} on purpose, e.g. {@code
         * aux_classifier.} (see {@link WeightImporter.Builder#addSkipPrefix}); recorded in the
         * provenance.
         */
        public Builder addSkipPrefix(String prefix) {
            skipPrefixes.add(prefix);
            return this;
        }

        /**
         * How images are brought to the network ({@link ModelManifest.Preprocessing#resize}): {@code
         * none} (default: tiles of {@link #optTileSize}) or {@code stretch} (every image resized to
         * exactly the {@link #optTileSize} size, for networks made for one input size).
         */
        public Builder optResize(String resize) {
            this.resize = resize;
            return this;
        }

        /** Where the weights came from, recorded in the provenance instead of the file's path. */
        public Builder optSource(String source) {
            this.source = source;
            return this;
        }

        /** The safetensors or npz state dict. */
        public Builder setWeights(Path weights) {
            this.weights = weights;
            return this;
        }

        /** The seg4j network to build; its class count must match {@link #setClasses}. */
        public Builder setSpec(ModelSpec spec) {
            this.spec = spec;
            return this;
        }

        /** The classes the model predicts. */
        public Builder setClasses(ClassMeta classes) {
            this.classes = classes;
            return this;
        }

        /** Fill only the encoder (default false): decoder and head keep their initialisation. */
        public Builder optEncoderOnly(boolean encoderOnly) {
            this.encoderOnly = encoderOnly;
            return this;
        }

        /** Key prefix of the arrays in the file (default: recognised). */
        public Builder optSourcePrefix(String sourcePrefix) {
            this.sourcePrefix = sourcePrefix;
            return this;
        }

        /** Input normalisation the weights were trained with (default ImageNet's, torchvision's). */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /** Tile size for sliding-window inference and the initialisation shape (default 512x512). */
        public Builder optTileSize(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

        /** Input scale factor (default 1: full resolution). */
        public Builder optScale(double scale) {
            this.scale = scale;
            return this;
        }

        /** Validates and builds. */
        public ModelImport build() {
            if (weights == null || spec == null || classes == null) {
                throw new Seg4jException("a model import needs the weights file, the model spec and the classes");
            }
            if (spec.numClasses() != classes.numClasses()) {
                throw new Seg4jException("the model spec has " + spec.numClasses() + " classes, the class list "
                        + classes.numClasses());
            }
            if (height < 1 || width < 1) {
                throw new Seg4jException("tile size must be positive, got " + height + "x" + width);
            }
            if (!(scale > 0 && scale <= 1)) {
                throw new Seg4jException("input scale must be in (0, 1], got " + scale);
            }
            if (normalization == null) {
                throw new Seg4jException("normalisation must not be null");
            }
            if (skipPrefixes.stream().anyMatch(p -> p == null || p.isEmpty())) {
                throw new Seg4jException("a skip prefix must not be empty");
            }
            if (resize != null && !resize.equals(ModelManifest.Preprocessing.RESIZE_NONE)
                    && !resize.equals(ModelManifest.Preprocessing.RESIZE_STRETCH)) {
                throw new Seg4jException("--resize must be none or stretch, got '" + resize + "'");
            }
            return new ModelImport(this);
        }
    }
}
