package org.seg4j.data.sampling;

import java.util.SplittableRandom;

/**
 * Draws an epoch of {@code n} sample indices in proportion to per-image weights by systematic
 * resampling: one random offset {@code u} in [0, 1), then the images whose cumulative share covers
 * the points {@code (u + k) / n}, {@code k = 0..n-1}. Image {@code i} with probability
 * {@code p(i) = w(i) / sum(w)} is drawn either {@code floor(n p(i))} or {@code ceil(n p(i))} times,
 * so epochs hold the expected counts with no sampling noise beyond one draw. The draws are then
 * shuffled. Both steps use the given generator, so the order depends only on its seed.
 */
public final class WeightedEpochOrder {

    private final double[] cumulative;

    /** Prepares the cumulative shares of {@code weights} (finite, not negative, not all zero). */
    public WeightedEpochOrder(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        double sum = 0;
        for (double w : weights) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("sampling weights must be finite and >= 0, got " + w);
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw new IllegalArgumentException("sampling weights are all zero");
        }
        cumulative = new double[weights.length];
        double acc = 0;
        for (int i = 0; i < weights.length; i++) {
            acc += weights[i];
            cumulative[i] = acc / sum;
        }
        cumulative[weights.length - 1] = 1.0;
    }

    /** Number of images. */
    public int size() {
        return cumulative.length;
    }

    /** The probability of image {@code i} per draw. */
    public double probability(int i) {
        return cumulative[i] - (i == 0 ? 0 : cumulative[i - 1]);
    }

    /** {@code draws} indices in a shuffled order. */
    public int[] draw(int draws, SplittableRandom rng) {
        int[] out = new int[draws];
        double u = rng.nextDouble();
        int i = 0;
        for (int k = 0; k < draws; k++) {
            double point = (u + k) / draws;
            while (i < cumulative.length - 1 && cumulative[i] <= point) {
                i++;
            }
            out[k] = i;
        }
        for (int k = draws - 1; k > 0; k--) {
            int j = rng.nextInt(k + 1);
            int t = out[k];
            out[k] = out[j];
            out[j] = t;
        }
        return out;
    }
}
