package org.seg4j.infer.region;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import org.seg4j.data.region.SelectiveSearch;
import org.seg4j.model.ModelSpec;

/**
 * {@code regions.json}, the model file of a region-based model directory (next to {@code
 * model.json}, whose {@code runtime} is {@code regions}, and the encoder's weights).
 *
 * @param formatVersion version of this file's layout
 * @param encoderNetwork the seg4j network whose encoder describes the regions
 * @param encoderWeights the encoder's parameters (DJL format), relative to the directory
 * @param featureStride the encoder stage used: the deepest with at most this reduction
 * @param proposals selective search preset ({@link SelectiveSearch#PRESETS})
 * @param maxProposals proposals kept per image (-1: the preset's own cap)
 * @param training how the SVMs were trained (thresholds, counts), for the record
 * @param svms the per-class linear SVMs
 */
public record RegionModelFile(
        @JsonProperty("format_version") int formatVersion,
        @JsonProperty("encoder_network") ModelSpec encoderNetwork,
        @JsonProperty("encoder_weights") String encoderWeights,
        @JsonProperty("feature_stride") int featureStride,
        @JsonProperty("proposals") String proposals,
        @JsonProperty("max_proposals") int maxProposals,
        @JsonProperty("training") Map<String, Object> training,
        @JsonProperty("svms") LinearSvms svms) {

    /** Current {@link #formatVersion}. */
    public static final int FORMAT_VERSION = 1;
    /** File name in the model directory. */
    public static final String FILE = "regions.json";
    /** Encoder weights file name in the model directory. */
    public static final String ENCODER_WEIGHTS = "encoder.params";

    public RegionModelFile {
        training = training == null ? Map.of() : training;
    }

    /** The proposal generator this model uses. */
    public SelectiveSearch search() {
        return SelectiveSearch.preset(proposals, maxProposals);
    }
}
