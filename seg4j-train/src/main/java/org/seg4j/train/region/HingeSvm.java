package org.seg4j.train.region;

import java.util.Random;

/**
 * A linear SVM with hinge loss and L2 regularisation, trained by dual coordinate descent (Hsieh,
 * Chang, Lin, Keerthi and Sundararajan, ICML 2008): the solver of LIBLINEAR's {@code
 * L2R_L1LOSS_SVC_DUAL}, which R-CNN used. It minimises {@code 0.5 |w|² + Σ C_i max(0, 1 - y_i (w .
 * x_i + b))}, the bias learned as the weight of a constant feature 1 (regularised, as in
 * LIBLINEAR). Pure Java: the region features fit in memory and the solver converges in a few dozen
 * passes, with no native call per step.
 */
final class HingeSvm {

    private HingeSvm() {}

    /**
     * Trains on rows {@code rows} of {@code x}.
     *
     * @param x feature rows (standardised)
     * @param rows the training examples' indices into {@code x}
     * @param positive per example (same order as {@code rows}), whether it is of the class
     * @param cPositive penalty of a positive example's loss
     * @param cNegative penalty of a negative example's loss
     * @param tolerance stop when the projected gradient's spread falls below it (LIBLINEAR: 0.1)
     * @param maxPasses at most this many passes over the examples
     * @return {@code dimension + 1} values: the weights, then the bias
     */
    static double[] train(float[][] x, int[] rows, boolean[] positive, double cPositive, double cNegative,
            double tolerance, int maxPasses, Random random) {
        int n = rows.length;
        int d = x.length == 0 ? 0 : x[rows.length == 0 ? 0 : rows[0]].length;
        double[] w = new double[d + 1];
        if (n == 0) {
            return w;
        }
        double[] alpha = new double[n];
        double[] qii = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 1; // the bias feature
            for (float v : x[rows[i]]) {
                s += v * v;
            }
            qii[i] = s;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int pass = 0; pass < maxPasses; pass++) {
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            double maxPg = Double.NEGATIVE_INFINITY;
            double minPg = Double.POSITIVE_INFINITY;
            for (int s = 0; s < n; s++) {
                int i = order[s];
                float[] xi = x[rows[i]];
                double y = positive[i] ? 1 : -1;
                double upper = positive[i] ? cPositive : cNegative;
                double g = w[d];
                for (int k = 0; k < d; k++) {
                    g += w[k] * xi[k];
                }
                g = y * g - 1;
                double pg = alpha[i] == 0 ? Math.min(g, 0) : alpha[i] == upper ? Math.max(g, 0) : g;
                maxPg = Math.max(maxPg, pg);
                minPg = Math.min(minPg, pg);
                if (Math.abs(pg) > 1e-12) {
                    double old = alpha[i];
                    alpha[i] = Math.min(Math.max(old - g / qii[i], 0), upper);
                    double step = (alpha[i] - old) * y;
                    for (int k = 0; k < d; k++) {
                        w[k] += step * xi[k];
                    }
                    w[d] += step;
                }
            }
            if (maxPg - minPg < tolerance) {
                break;
            }
        }
        return w;
    }

    /** {@code w . x + b} for weights from {@link #train}. */
    static double score(double[] w, float[] x) {
        int d = w.length - 1;
        double s = w[d];
        for (int k = 0; k < d; k++) {
            s += w[k] * x[k];
        }
        return s;
    }
}
