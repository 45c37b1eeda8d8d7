package org.seg4j.metric.boundary;

import java.util.Arrays;
import java.util.Objects;
import org.seg4j.data.LabelMask;

/**
 * Boundary precision, recall and F-score per class, accumulated over a data set. For each image
 * and class, the class's boundary pixels in the prediction and in the truth ({@link BoundaryMaps}:
 * 4-neighbour rule, void excluded) are matched within the {@link BoundaryTolerance} (Euclidean
 * distance; {@link BoundaryMatcher}): a predicted boundary pixel is a
 * true positive for precision when a true boundary pixel of its class lies within the tolerance,
 * and a true boundary pixel is recalled when a predicted one does. The matched and total counts are
 * summed over all images and the figures derived once, so large images weigh more, as in the
 * confusion-matrix metrics (DAVIS averages per-image F-scores instead). Not thread-safe: give each
 * thread its own score and {@link #merge}.
 */
public final class BoundaryScore {

    private final int numClasses;
    private final BoundaryTolerance tolerance;
    private final long[] predicted;
    private final long[] predictedMatched;
    private final long[] truth;
    private final long[] truthMatched;

    /** An empty score for {@code numClasses} classes. */
    public BoundaryScore(int numClasses, BoundaryTolerance tolerance) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be positive");
        }
        this.numClasses = numClasses;
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
        this.predicted = new long[numClasses];
        this.predictedMatched = new long[numClasses];
        this.truth = new long[numClasses];
        this.truthMatched = new long[numClasses];
    }

    /** Number of classes. */
    public int numClasses() {
        return numClasses;
    }

    /** The matching tolerance. */
    public BoundaryTolerance tolerance() {
        return tolerance;
    }

    /**
     * Adds one prediction against its truth.
     *
     * @throws IllegalArgumentException if the sizes differ or a boundary pixel has a class outside
     *     {@code 0..numClasses-1}; nothing is counted then
     */
    public void add(LabelMask prediction, LabelMask groundTruth) {
        int w = groundTruth.width();
        int h = groundTruth.height();
        if (prediction.width() != w || prediction.height() != h) {
            throw new IllegalArgumentException("prediction is " + prediction.width() + "x" + prediction.height()
                    + " but the truth is " + w + "x" + h);
        }
        int[] pb = BoundaryMaps.of(prediction.data(), groundTruth.data(), w, h);
        int[] tb = BoundaryMaps.of(groundTruth.data(), groundTruth.data(), w, h);
        int tol = tolerance.pixelsFor(w, h);
        long[][] counts = tol <= BoundaryMatcher.SCAN_LIMIT
                ? BoundaryMatcher.byDiskScan(pb, tb, w, h, numClasses, tol)
                : BoundaryMatcher.byDistanceTransform(pb, tb, w, h, numClasses, tol);
        for (int c = 0; c < numClasses; c++) {
            predicted[c] += counts[0][c];
            predictedMatched[c] += counts[1][c];
            truth[c] += counts[2][c];
            truthMatched[c] += counts[3][c];
        }
    }

    /** Adds another score's counts (same classes and tolerance). */
    public void merge(BoundaryScore other) {
        if (other.numClasses != numClasses || !other.tolerance.equals(tolerance)) {
            throw new IllegalArgumentException("cannot merge boundary scores of different classes or tolerances");
        }
        for (int c = 0; c < numClasses; c++) {
            predicted[c] += other.predicted[c];
            predictedMatched[c] += other.predictedMatched[c];
            truth[c] += other.truth[c];
            truthMatched[c] += other.truthMatched[c];
        }
    }

    /** Predicted boundary pixels of class {@code c}. */
    public long predictedPixels(int c) {
        return predicted[c];
    }

    /** True boundary pixels of class {@code c}. */
    public long truthPixels(int c) {
        return truth[c];
    }

    /** Per class: matched / predicted boundary pixels; NaN where the class has no predicted boundary. */
    public double[] precision() {
        double[] out = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            out[c] = predicted[c] == 0 ? Double.NaN : (double) predictedMatched[c] / predicted[c];
        }
        return out;
    }

    /** Per class: recalled / true boundary pixels; NaN where the class has no true boundary. */
    public double[] recall() {
        double[] out = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            out[c] = truth[c] == 0 ? Double.NaN : (double) truthMatched[c] / truth[c];
        }
        return out;
    }

    /**
     * Per class: the harmonic mean of boundary precision and recall; 0 when only one of prediction
     * and truth has a boundary of the class, NaN when neither has.
     */
    public double[] f1() {
        double[] p = precision();
        double[] r = recall();
        double[] out = new double[numClasses];
        for (int c = 0; c < numClasses; c++) {
            if (predicted[c] == 0 && truth[c] == 0) {
                out[c] = Double.NaN;
            } else if (predicted[c] == 0 || truth[c] == 0 || p[c] + r[c] == 0) {
                out[c] = 0;
            } else {
                out[c] = 2 * p[c] * r[c] / (p[c] + r[c]);
            }
        }
        return out;
    }

    /** Mean of the defined per-class F-scores; NaN when none is defined. */
    public double meanF1() {
        return mean(f1());
    }

    /** Mean of the defined per-class precisions. */
    public double meanPrecision() {
        return mean(precision());
    }

    /** Mean of the defined per-class recalls. */
    public double meanRecall() {
        return mean(recall());
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
