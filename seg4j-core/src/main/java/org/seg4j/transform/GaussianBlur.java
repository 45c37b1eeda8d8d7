package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;
import org.seg4j.util.SeparableGaussian;

/**
 * With probability {@code probability}, blurs the image (not the mask) with a Gaussian whose sigma
 * is drawn uniformly from {@code [sigmaMin, sigmaMax]} pixels, as torchvision's
 * {@code RandomApply([GaussianBlur(k, sigma=(0.1, 2.0))], p)}: it makes a model less dependent on
 * the sharpness of one camera. The kernel is separable and truncated at {@code 3 sigma}; borders
 * are reflected without repeating the edge pixel ({@link SeparableGaussian.Border#REFLECT_101}).
 *
 * @param probability chance that an image is blurred, in [0, 1]
 * @param sigmaMin smallest sigma in pixels, positive
 * @param sigmaMax largest sigma in pixels, at least {@code sigmaMin}
 */
public record GaussianBlur(double probability, double sigmaMin, double sigmaMax) implements JointTransform {

    public GaussianBlur {
        Checks.range("GaussianBlur", "probability", probability, 0, 1);
        Checks.range("GaussianBlur", "sigmaMin", sigmaMin, 1e-3, 50);
        Checks.range("GaussianBlur", "sigmaMax", sigmaMax, sigmaMin, 50);
    }

    /** torchvision's default sigma range, 0.1 to 2.0 pixels. */
    public static GaussianBlur withProbability(double probability) {
        return new GaussianBlur(probability, 0.1, 2.0);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        // Both draws happen whatever the outcome, so later transforms see the same random stream.
        boolean apply = rng.nextDouble() < probability;
        double sigma = sigmaMin + (sigmaMax - sigmaMin) * rng.nextDouble();
        if (!apply) {
            return sample;
        }
        return sample.with(blur(sample.image(), sigma), sample.mask());
    }

    /** The image blurred with a Gaussian of the given sigma. */
    public static RgbImage blur(RgbImage img, double sigma) {
        byte[] src = img.data();
        float[] values = new float[src.length];
        for (int i = 0; i < src.length; i++) {
            values[i] = src[i] & 0xFF;
        }
        float[] blurred = filter(sigma).filter(values, img.width(), img.height(), 3);
        byte[] out = new byte[src.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = toByte(blurred[i]);
        }
        return new RgbImage(img.width(), img.height(), out);
    }

    /** Truncated at 3 sigma, rounded up (at least one pixel); mirrored borders as torchvision. */
    static SeparableGaussian filter(double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        return SeparableGaussian.withRadius(sigma, radius, SeparableGaussian.Border.REFLECT_101);
    }

    private static byte toByte(float v) {
        int r = Math.round(v);
        return (byte) (r <= 0 ? 0 : Math.min(r, 255));
    }
}
