package org.seg4j.infer;

import java.util.Objects;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.refine.CrfRefiner;

/**
 * Refines another strategy's probabilities with a fully connected CRF at the input's resolution.
 * The class map is the argmax of the refined map, so it holds the full probability map.
 */
public final class RefinedInference implements InferenceStrategy {

    private final InferenceStrategy inner;
    private final CrfRefiner refiner;

    /** Refines what {@code inner} predicts with {@code refiner}. */
    public RefinedInference(InferenceStrategy inner, CrfRefiner refiner) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.refiner = Objects.requireNonNull(refiner, "refiner");
    }

    @Override
    public Probabilities probabilities(RgbImage image) {
        return refiner.refine(image, inner.probabilities(image));
    }

    @Override
    public LabelMask classMap(RgbImage image) {
        return probabilities(image).argmax();
    }
}
