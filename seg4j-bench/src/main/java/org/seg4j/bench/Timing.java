package org.seg4j.bench;

/**
 * One timed measurement: {@code runs} repetitions at a batch size and square input size.
 *
 * @param batch images per forward pass (or training step)
 * @param size input height and width
 * @param runs timed repetitions
 * @param p50Millis median wall-clock time of one repetition
 * @param imagesPerSecond {@code batch * 1000 / p50Millis}
 */
public record Timing(int batch, int size, int runs, double p50Millis, double imagesPerSecond) {

    /** A timing from the sorted or unsorted repetition times in milliseconds. */
    public static Timing of(int batch, int size, double[] millis) {
        double p50 = median(millis);
        return new Timing(batch, size, millis.length, p50, batch * 1000.0 / p50);
    }

    /** Median of {@code values} (mean of the two middle ones for an even count). */
    static double median(double[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] v = values.clone();
        java.util.Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }
}
