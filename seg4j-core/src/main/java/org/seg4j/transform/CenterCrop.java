package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.Sample;

/**
 * Cuts the central {@code height x width} window, padding ({@code fillGrey} / ignore) along sides
 * where the image is smaller. Deterministic; useful for evaluation at a fixed size.
 *
 * @param height output height
 * @param width output width
 * @param fillGrey grey level of image padding, 0-255
 */
public record CenterCrop(int height, int width, int fillGrey) implements JointTransform {

    public CenterCrop {
        Checks.positive("CenterCrop", "height", height);
        Checks.positive("CenterCrop", "width", width);
        Checks.grey("CenterCrop", fillGrey);
    }

    /** A crop padding the image with black. */
    public CenterCrop(int height, int width) {
        this(height, width, 0);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        int left = Math.floorDiv(sample.image().width() - width, 2);
        int top = Math.floorDiv(sample.image().height() - height, 2);
        return Warp.crop(sample, left, top, width, height, fillGrey);
    }
}
