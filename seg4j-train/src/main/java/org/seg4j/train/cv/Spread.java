package org.seg4j.train.cv;

/**
 * Mean and sample standard deviation (divisor n - 1) of one figure across folds. Folds where the
 * figure is undefined (NaN: a class absent from a fold's truth and predictions) are left out and
 * {@link #count()} says how many remained; the deviation is NaN with fewer than two.
 *
 * @param mean the mean, NaN when no fold defines the figure
 * @param std the sample standard deviation
 * @param count folds that define the figure
 */
public record Spread(double mean, double std, int count) {

    /** The spread of {@code values}, NaN entries left out. */
    public static Spread of(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        if (n == 0) {
            return new Spread(Double.NaN, Double.NaN, 0);
        }
        double mean = sum / n;
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Spread(mean, n < 2 ? Double.NaN : Math.sqrt(squares / (n - 1)), n);
    }
}
