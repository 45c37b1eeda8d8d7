package org.seg4j.metric;

import java.util.Arrays;
import org.seg4j.data.LabelMask;

/**
 * Pixel counts of (true class, predicted class) accumulated over a data set; every segmentation
 * metric is derived from it ({@link SegmentationMetrics#of}). Void pixels ({@link LabelMask#IGNORE})
 * in the truth are skipped. Not thread-safe: give each thread its own matrix and {@link #merge}.
 */
public final class ConfusionMatrix {

    private final int numClasses;
    private final long[] counts;

    /** An empty matrix for {@code numClasses} classes. */
    public ConfusionMatrix(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be positive");
        }
        this.numClasses = numClasses;
        this.counts = new long[numClasses * numClasses];
    }

    /** Builds a matrix from rows of counts ({@code rows[truth][predicted]}), for tests and reports. */
    public static ConfusionMatrix of(long[][] rows) {
        ConfusionMatrix m = new ConfusionMatrix(rows.length);
        for (int t = 0; t < rows.length; t++) {
            if (rows[t].length != rows.length) {
                throw new IllegalArgumentException("confusion matrix must be square");
            }
            System.arraycopy(rows[t], 0, m.counts, t * rows.length, rows.length);
        }
        return m;
    }

    public int numClasses() {
        return numClasses;
    }

    /**
     * Adds one prediction against its truth.
     *
     * @param predicted predicted class per pixel
     * @param truth true label per pixel (unsigned bytes, {@link LabelMask#IGNORE} skipped)
     * @param offset index of the first pixel in both arrays
     * @param length number of pixels
     */
    public void add(int[] predicted, byte[] truth, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            int t = truth[i] & 0xFF;
            if (t == LabelMask.IGNORE) {
                continue;
            }
            int p = predicted[i];
            if (t >= numClasses || p < 0 || p >= numClasses) {
                throw new IllegalArgumentException("label " + t + " or prediction " + p + " outside 0.."
                        + (numClasses - 1) + " at pixel " + (i - offset));
            }
            counts[t * numClasses + p]++;
        }
    }

    /** Adds a whole predicted mask against its truth (same size). */
    public void add(LabelMask predicted, LabelMask truth) {
        if (predicted.width() != truth.width() || predicted.height() != truth.height()) {
            throw new IllegalArgumentException("prediction is " + predicted.width() + "x" + predicted.height()
                    + " but truth is " + truth.width() + "x" + truth.height());
        }
        byte[] p = predicted.data();
        int[] pred = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            pred[i] = p[i] & 0xFF;
        }
        add(pred, truth.data(), 0, pred.length);
    }

    /** Adds the counts of {@code other} to this matrix. */
    public void merge(ConfusionMatrix other) {
        if (other.numClasses != numClasses) {
            throw new IllegalArgumentException("cannot merge matrices of different class counts");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** Pixels of true class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        return counts[truth * numClasses + predicted];
    }

    /** Total counted pixels. */
    public long total() {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    /** A copy of the counts as {@code rows[truth][predicted]}. */
    public long[][] toRows() {
        long[][] rows = new long[numClasses][];
        for (int t = 0; t < numClasses; t++) {
            rows[t] = Arrays.copyOfRange(counts, t * numClasses, (t + 1) * numClasses);
        }
        return rows;
    }

    /** Every metric derived from the current counts. */
    public SegmentationMetrics metrics() {
        return SegmentationMetrics.of(this);
    }
}
