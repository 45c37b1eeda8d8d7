package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

/**
 * A random gamma curve on the image only (the mask is passed through): every channel value
 * {@code x} in 0-255 becomes {@code 255 * (x / 255)^gamma}, with {@code gamma = (1 + range)^u} and
 * {@code u} uniform in [-1, 1], so darkening and brightening curves are equally likely
 * (albumentations' {@code RandomGamma} draws gamma uniformly from a range such as 0.8-1.2).
 *
 * <p>Unlike brightness and contrast, a gamma curve is not linear, so per-image input normalisation
 * does not undo it: it changes how shadows and highlights compare, as dusk and over-exposure do.
 *
 * @param range how far gamma may move from 1, as {@code ln(gamma)} in {@code [-ln(1 + range),
 *     ln(1 + range)]}; 0 leaves images unchanged
 */
public record RandomGamma(double range) implements JointTransform {

    /** The largest range: gamma curves between 1/5 and 5. */
    public static final double MAX_RANGE = 4;

    public RandomGamma {
        Checks.range("RandomGamma", "range", range, 0, MAX_RANGE);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        double gamma = Math.pow(1 + range, 2 * rng.nextDouble() - 1);
        byte[] curve = curve(gamma);
        RgbImage img = sample.image();
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        for (int i = 0; i < src.length; i++) {
            out[i] = curve[src[i] & 0xFF];
        }
        return sample.with(new RgbImage(img.width(), img.height(), out), sample.mask());
    }

    /** The 256-entry lookup table of {@code 255 * (x / 255)^gamma}, rounded to the nearest value. */
    static byte[] curve(double gamma) {
        byte[] lut = new byte[256];
        for (int x = 0; x < 256; x++) {
            lut[x] = (byte) Math.round(255 * Math.pow(x / 255.0, gamma));
        }
        return lut;
    }
}
