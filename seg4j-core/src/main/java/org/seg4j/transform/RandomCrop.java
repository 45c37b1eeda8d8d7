package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.Sample;

/**
 * Cuts a window of exactly {@code height x width} at a random position. Along a side where the
 * image is smaller than the window, the image is placed at a random offset inside the window and
 * the rest is padded ({@code fillGrey} in the image, ignore in the mask).
 *
 * @param height output height
 * @param width output width
 * @param fillGrey grey level of image padding, 0-255
 */
public record RandomCrop(int height, int width, int fillGrey) implements JointTransform {

    public RandomCrop {
        Checks.positive("RandomCrop", "height", height);
        Checks.positive("RandomCrop", "width", width);
        Checks.grey("RandomCrop", fillGrey);
    }

    /** A crop padding the image with black. */
    public RandomCrop(int height, int width) {
        this(height, width, 0);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        int left = offset(sample.image().width(), width, rng);
        int top = offset(sample.image().height(), height, rng);
        return Warp.crop(sample, left, top, width, height, fillGrey);
    }

    /** Source coordinate of the window's first pixel; negative when the window is padded. */
    private static int offset(int size, int window, RandomGenerator rng) {
        int slack = size - window;
        if (slack >= 0) {
            return rng.nextInt(slack + 1);
        }
        return -rng.nextInt(-slack + 1);
    }
}
