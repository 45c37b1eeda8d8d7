package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.Sample;

/**
 * A transform applied jointly to an image and its mask, so that geometric changes keep them
 * aligned. Images are interpolated; masks always use nearest-neighbour so labels are never mixed.
 * Randomness comes only from the generator passed in, which makes a pipeline reproducible for a
 * seed (and for a resumed training run).
 */
@FunctionalInterface
public interface JointTransform {

    /**
     * Applies the transform.
     *
     * @param sample input; its mask may be {@code null} (prediction), in which case only the image
     *     is transformed
     * @param rng source of randomness for this sample
     * @return the transformed sample (a new object; the input is not modified)
     */
    Sample apply(Sample sample, RandomGenerator rng);
}
