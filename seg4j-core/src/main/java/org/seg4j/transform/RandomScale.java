package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.Sample;

/**
 * Scales by a factor drawn uniformly from {@code [min, max]}, keeping the aspect ratio. Usually
 * followed by a {@link RandomCrop} that brings every sample back to one size.
 *
 * @param min smallest factor, positive
 * @param max largest factor, at least {@code min}
 */
public record RandomScale(double min, double max) implements JointTransform {

    public RandomScale {
        Checks.range("RandomScale", "min", min, 1e-3, 100);
        Checks.range("RandomScale", "max", max, min, 100);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        double factor = min + (max - min) * rng.nextDouble();
        int w = Math.max(1, (int) Math.round(sample.image().width() * factor));
        int h = Math.max(1, (int) Math.round(sample.image().height() * factor));
        return Warp.resize(sample, w, h);
    }
}
