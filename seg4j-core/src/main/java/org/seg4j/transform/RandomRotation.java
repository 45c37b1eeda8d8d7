package org.seg4j.transform;

import java.util.random.RandomGenerator;
import org.seg4j.data.Sample;

/**
 * Rotates about the image centre by an angle drawn uniformly from
 * {@code [-maxDegrees, maxDegrees]}, keeping the size. Corners that come from outside the image get
 * {@code fillGrey} in the image and ignore in the mask.
 *
 * @param maxDegrees largest rotation in degrees, 0-180
 * @param fillGrey grey level of the image fill, 0-255
 */
public record RandomRotation(double maxDegrees, int fillGrey) implements JointTransform {

    public RandomRotation {
        Checks.range("RandomRotation", "maxDegrees", maxDegrees, 0, 180);
        Checks.grey("RandomRotation", fillGrey);
    }

    /** A rotation filling with black. */
    public RandomRotation(double maxDegrees) {
        this(maxDegrees, 0);
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        double angle = Math.toRadians(maxDegrees * (2 * rng.nextDouble() - 1));
        int w = sample.image().width();
        int h = sample.image().height();
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        // Inverse map: source = R(-angle) * (output - centre) + centre.
        double a = cos;
        double b = sin;
        double c = cx - cos * cx - sin * cy;
        double d = -sin;
        double e = cos;
        double f = cy + sin * cx - cos * cy;
        return Warp.affine(sample, w, h, a, b, c, d, e, f, fillGrey);
    }
}
