package org.seg4j.train;

/**
 * The seed of the engine's random generator before a training step, a pure function of the run's
 * seed and the global step (-1 for the initial weights), so a resumed run draws what the
 * uninterrupted run would have drawn. Shared by the semantic trainer and the Mask R-CNN training.
 */
public final class StepSeeds {

    private StepSeeds() {}

    /** SplitMix64 of {@code seed} and {@code step}, as a non-negative int. */
    public static int of(long seed, long step) {
        long z = seed * 0x9E3779B97F4A7C15L + step + 1;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z = z ^ (z >>> 31);
        return (int) (z & 0x7fffffff);
    }
}
