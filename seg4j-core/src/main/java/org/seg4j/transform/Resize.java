package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.Sample;

/**
 * Resizes to a fixed size (which may change the aspect ratio): bilinear for the image, nearest
 * neighbour for the mask.
 *
 * @param height output height in pixels
 * @param width output width in pixels
 */
public record Resize(int height, int width) implements JointTransform {

    public Resize {
        Checks.positive("Resize", "height", height);
        Checks.positive("Resize", "width", width);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        if (sample.image().width() == width && sample.image().height() == height) {
            return sample.with(sample.image(), sample.mask());
        }
        return Warp.resize(sample, width, height);
    }
}
