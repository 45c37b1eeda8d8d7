package org.seg4j.infer;

import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;

/**
 * How a network covers an image: run it whole ({@link WholeImageInference}), in overlapping
 * tiles ({@link SlidingWindowInference}), or a wrapper that chooses or augments
 * ({@link AdaptiveInference}, {@link ScaledInference}, {@link MultiScaleAugmentation},
 * {@link RefinedInference}). Results are at the resolution of the image passed in. Task-specific
 * predictors (instance, panoptic, video) reuse these pieces rather than their own copies.
 *
 * <p>Implementations are thread-safe when their forward pass is.
 */
public interface InferenceStrategy {

    /** Class probabilities, {@code classes x H x W} at the image's resolution. */
    Probabilities probabilities(RgbImage image);

    /**
     * The class map at the image's resolution; may skip work that does not change the argmax
     * (softmax, normalisation, a full-size probability map).
     */
    LabelMask classMap(RgbImage image);
}
