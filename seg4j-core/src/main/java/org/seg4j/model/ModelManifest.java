package org.seg4j.model;

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
 */
public record ModelManifest(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("model") ModelSpec model,
        @JsonProperty("classes") ClassMeta classes,
        @JsonProperty("preprocessing") Preprocessing preprocessing,
        @JsonProperty("provenance") Provenance provenance,
        @JsonProperty("metrics") Map<String, Object> metrics) {

    /** Current {@link #formatVersion}. */
    public static final int FORMAT_VERSION = 1;

    public ModelManifest {
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }

    /** The same manifest with other metrics. */
    public ModelManifest withMetrics(Map<String, Object> newMetrics) {
        return new ModelManifest(formatVersion, model, classes, preprocessing, provenance, newMetrics);
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
     */
    public record Preprocessing(
            @JsonProperty("height") int height,
            @JsonProperty("width") int width,
            @JsonProperty("mean") float[] mean,
            @JsonProperty("std") float[] std,
            @JsonProperty("scale") double scale) {

        /** The normalisation as a transform object. */
        public org.seg4j.transform.Normalization normalization() {
            return new org.seg4j.transform.Normalization(mean, std);
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
