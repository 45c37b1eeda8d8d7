package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.Sample;

/**
 * Mirrors image and mask left to right with probability {@code probability}.
 *
 * @param probability chance of flipping, 0-1
 */
public record HorizontalFlip(double probability) implements JointTransform {

    public HorizontalFlip {
        Checks.range("HorizontalFlip", "probability", probability, 0, 1);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        // Always draw, so the generator advances the same way whatever the outcome.
        boolean flip = rng.nextDouble() < probability;
        return flip ? Warp.flipHorizontal(sample) : sample.with(sample.image(), sample.mask());
    }
}
