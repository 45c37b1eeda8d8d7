package org.seg4j.infer;

import java.util.Objects;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;

/**
 * Picks a strategy by image size: images of at most {@code maxWholePixels} pixels go to the
 * whole-image strategy, larger ones to the tiled one.
 */
public final class AdaptiveInference implements InferenceStrategy {

    private final InferenceStrategy whole;
    private final InferenceStrategy tiled;
    private final long maxWholePixels;

    /** Chooses between {@code whole} and {@code tiled} by the limit {@code maxWholePixels}. */
    public AdaptiveInference(InferenceStrategy whole, InferenceStrategy tiled, long maxWholePixels) {
        this.whole = Objects.requireNonNull(whole, "whole");
        this.tiled = Objects.requireNonNull(tiled, "tiled");
        if (maxWholePixels < 1) {
            throw new IllegalArgumentException("whole-image limit must be positive, got " + maxWholePixels);
        }
        this.maxWholePixels = maxWholePixels;
    }

    /** Whether an image of this size goes to the tiled strategy. */
    public boolean isTiled(RgbImage image) {
        return (long) image.width() * image.height() > maxWholePixels;
    }

    /** The strategy that handles {@code image}. */
    public InferenceStrategy strategyFor(RgbImage image) {
        return isTiled(image) ? tiled : whole;
    }

    @Override
    public Probabilities probabilities(RgbImage image) {
        return strategyFor(image).probabilities(image);
    }

    @Override
    public LabelMask classMap(RgbImage image) {
        return strategyFor(image).classMap(image);
    }
}
