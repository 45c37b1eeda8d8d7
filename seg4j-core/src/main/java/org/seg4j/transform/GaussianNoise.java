package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

/**
 * Adds zero-mean Gaussian noise to every channel of the image (not the mask); each image draws its
 * standard deviation uniformly from {@code [0, maxStd]}, given as a fraction of the 0-255 range (as
 * albumentations' {@code GaussNoise} draws its variance per image). Values are clipped to 0-255.
 *
 * @param maxStd largest standard deviation, as a fraction of 255, in [0, 1]
 */
public record GaussianNoise(double maxStd) implements JointTransform {

    public GaussianNoise {
        Checks.range("GaussianNoise", "maxStd", maxStd, 0, 1);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        double std = 255 * maxStd * rng.nextDouble();
        RgbImage img = sample.image();
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            long v = Math.round((src[i] & 0xFF) + std * rng.nextGaussian());
            out[i] = (byte) (v <= 0 ? 0 : Math.min(v, 255));
        }
        return sample.with(new RgbImage(img.width(), img.height(), out), sample.mask());
    }
}
