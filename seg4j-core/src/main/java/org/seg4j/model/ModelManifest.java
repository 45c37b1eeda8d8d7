package org.seg4j.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.seg4j.data.ClassMeta;

/**
 * The self-description stored as {@code model.json} in every model directory: how to rebuild the
 * network, which classes it predicts, how to prepare its input, where it came from and how well it
 * did. {@code predict}, {@code eval} and {@code serve} need nothing else.
 *
 * @param formatVersion version of this file's layout
 * @param model the network's structure
 * @param classes class names, colours and void value
 * @param preprocessing input preparation used in training
 * @param provenance how the model was made, for reproduction
 * @param metrics final validation metrics (e.g. {@code mIoU}), possibly empty
 * @param runtime {@code null} for a seg4j network (rebuilt from {@code model} and {@code
 *     weights.params}); otherwise the runtime that runs {@code file}, e.g. {@code onnx} or {@code
 *     torchscript} ({@link org.seg4j.infer.runtime.ModelRuntime})
 * @param file the model file of an external runtime, relative to the directory; {@code null}
 *     for a seg4j network
 * @param task {@code null} for semantic segmentation (files from before tasks existed), or {@code
 *     panoptic}: the network's outputs are semantic logits, a centre heat map and offsets, and the
 *     classes' {@code isthing} flags say which classes have instances
 */
public record ModelManifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("model") ModelSpec model,
        @JsonProperty("classes") ClassMeta classes,
        @JsonProperty("preprocessing") Preprocessing preprocessing,
        @JsonProperty("provenance") Provenance provenance,
        @JsonProperty("metrics") Map<String, Object> metrics,
        @JsonProperty("runtime") @JsonInclude(JsonInclude.Include.NON_NULL) String runtime,
        @JsonProperty("file") @JsonInclude(JsonInclude.Include.NON_NULL) String file,
        @JsonProperty("task") @JsonInclude(JsonInclude.Include.NON_NULL) String task) {

    /** {@link #task} of a panoptic model. */
    public static final String TASK_PANOPTIC = "panoptic";

    /** Current {@link #formatVersion}. */
    public static final int FORMAT_VERSION = 1;

    public ModelManifest {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
        if (runtime != null && (file == null || file.isBlank())) {
            throw new IllegalArgumentException("a model manifest with runtime '" + runtime + "' needs a file");
        }
        if ("semantic".equals(task)) {
            task = null;
        }
        if (task != null && !task.equals(TASK_PANOPTIC)) {
            throw new IllegalArgumentException("model task must be semantic or panoptic, got '" + task + "'");
        }
    }

    /** A semantic manifest, of a seg4j network or of an external runtime's model file. */
    public ModelManifest(int formatVersion, ModelSpec model, ClassMeta classes, Preprocessing preprocessing,
            Provenance provenance, Map<String, Object> metrics, String runtime, String file) {
        this(formatVersion, model, classes, preprocessing, provenance, metrics, runtime, file, null);
    }

    /** The manifest of a seg4j network (no external runtime). */
    public ModelManifest(int formatVersion, ModelSpec model, ClassMeta classes, Preprocessing preprocessing,
            Provenance provenance, Map<String, Object> metrics) {
        this(formatVersion, model, classes, preprocessing, provenance, metrics, null, null, null);
    }

    /** Whether an external runtime runs the model ({@link #runtime} is set). */
    @JsonIgnore
    public boolean isExternal() {
        return runtime != null;
    }

    /** The same manifest with other metrics. */
    public ModelManifest withMetrics(Map<String, Object> newMetrics) {
        return new ModelManifest(formatVersion, model, classes, preprocessing, provenance, newMetrics, runtime, file,
                task);
    }

    /** The same manifest for another task ({@code semantic} or {@code panoptic}). */
    public ModelManifest withTask(String newTask) {
        return new ModelManifest(formatVersion, model, classes, preprocessing, provenance, metrics, runtime, file,
                newTask);
    }

    /** Whether the model is a panoptic one ({@link #task} {@code panoptic}). */
    @JsonIgnore
    public boolean isPanoptic() {
        return TASK_PANOPTIC.equals(task);
    }

    /**
     * How images are prepared for the model.
     *
     * @param height training crop height; also the tile height for sliding-window inference
     * @param width training crop width; also the tile width
     * @param mean per-channel mean, RGB, 0-1 scale
     * @param std per-channel standard deviation, RGB, 0-1 scale
     * @param scale factor applied to the input before the network (1 = full resolution); the
     *     predicted mask is always returned at the input's resolution
     * @param resize {@code null} (or {@link #RESIZE_NONE}): images keep their size (times {@code
     *     scale}) and large ones are tiled; {@link #RESIZE_STRETCH}: every image is resized to
     *     exactly {@code height x width} (aspect ratio not kept, as MediaPipe's selfie model expects)
     *     and the probabilities are resized back
     * @param normalizationMode {@code null} (or {@code fixed}): {@code mean} and {@code std} normalise every
     *     image; {@code per-image}: each image is standardised by its own per-channel mean and standard
     *     deviation (see {@link org.seg4j.transform.Normalization})
     */
    public record Preprocessing(
            @JsonProperty("height") int height,
            @JsonProperty("width") int width,
            @JsonProperty("mean") float[] mean,
            @JsonProperty("std") float[] std,
            @JsonProperty("scale") double scale,
            @JsonProperty("resize") @JsonInclude(JsonInclude.Include.NON_NULL) String resize,
            @JsonProperty("normalization") @JsonInclude(JsonInclude.Include.NON_NULL) String normalizationMode) {

        /** {@link #resize}: keep the image's size. */
        public static final String RESIZE_NONE = "none";
        /** {@link #resize}: resize every image to the model's input size. */
        public static final String RESIZE_STRETCH = "stretch";

        public Preprocessing {
            if (resize != null && !resize.equals(RESIZE_NONE) && !resize.equals(RESIZE_STRETCH)) {
                throw new IllegalArgumentException("preprocessing.resize must be " + RESIZE_NONE + " or "
                        + RESIZE_STRETCH + ", got '" + resize + "'");
            }
            if (normalizationMode != null && !org.seg4j.transform.Normalization.isModeName(normalizationMode)) {
                throw new IllegalArgumentException("preprocessing.normalization must be "
                        + org.seg4j.transform.Normalization.FIXED_NAME + " or "
                        + org.seg4j.transform.Normalization.PER_IMAGE_NAME + ", got '" + normalizationMode + "'");
            }
        }

        /** Preprocessing that keeps the image's size, with fixed normalisation statistics. */
        public Preprocessing(int height, int width, float[] mean, float[] std, double scale) {
            this(height, width, mean, std, scale, null, null);
        }

        /** Preprocessing with fixed normalisation statistics. */
        public Preprocessing(int height, int width, float[] mean, float[] std, double scale, String resize) {
            this(height, width, mean, std, scale, resize, null);
        }

        /** Preprocessing that applies {@code normalization} (fixed statistics or per image). */
        public Preprocessing(int height, int width, org.seg4j.transform.Normalization normalization, double scale,
                String resize) {
            this(height, width, normalization.mean(), normalization.std(), scale, resize,
                    normalization.perImage() ? org.seg4j.transform.Normalization.PER_IMAGE_NAME : null);
        }

        /** Whether every image is resized to exactly {@code height x width} ({@link #RESIZE_STRETCH}). */
        @JsonIgnore
        public boolean fixedSize() {
            return RESIZE_STRETCH.equals(resize);
        }

        /** The normalisation as a transform object. */
        public org.seg4j.transform.Normalization normalization() {
            return new org.seg4j.transform.Normalization(mean, std,
                    org.seg4j.transform.Normalization.PER_IMAGE_NAME.equals(normalizationMode));
        }
    }

    /**
     * Where the model came from.
     *
     * @param seg4jVersion seg4j version that trained it
     * @param djlVersion DJL version
     * @param engineVersion deep-learning engine (PyTorch) version
     * @param gitCommit commit of the seg4j source, when known
     * @param seed random seed of the training run
     * @param datasetFingerprint hash of the training file list and sizes
     * @param createdAt ISO-8601 time the model was written
     * @param trainConfig the resolved training configuration
     */
    public record Provenance(
            @JsonProperty("seg4j_version") String seg4jVersion,
            @JsonProperty("djl_version") String djlVersion,
            @JsonProperty("engine_version") String engineVersion,
            @JsonProperty("git_commit") String gitCommit,
            @JsonProperty("seed") long seed,
            @JsonProperty("dataset_fingerprint") String datasetFingerprint,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("train_config") Map<String, Object> trainConfig) {}
}
