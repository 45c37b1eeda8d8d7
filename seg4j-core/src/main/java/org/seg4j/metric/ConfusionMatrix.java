package org.seg4j.metric;

import java.util.Arrays;
import java.util.Objects;
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
            for (long c : rows[t]) {
                if (c < 0) {
                    throw new IllegalArgumentException("confusion matrix counts must not be negative, row " + t
                            + " has " + c);
                }
            }
            System.arraycopy(rows[t], 0, m.counts, t * rows.length, rows.length);
        }
        return m;
    }

    /** Number of classes (rows and columns). */
    public int numClasses() {
        return numClasses;
    }

    /**
     * Adds one prediction against its truth. Nothing is counted when a label is out of range, so
     * a failed call leaves the matrix as it was.
     *
     * @param predicted predicted class per pixel
     * @param truth true label per pixel (unsigned bytes, {@link LabelMask#IGNORE} skipped)
     * @param offset index of the first pixel in both arrays
     * @param length number of pixels
     * @throws IllegalArgumentException if a counted pixel has a label or prediction outside
     *     {@code 0..numClasses-1}
     */
    public void add(int[] predicted, byte[] truth, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, predicted.length);
        Objects.checkFromIndexSize(offset, length, truth.length);
        for (int i = offset; i < offset + length; i++) {
            int t = truth[i] & 0xFF;
            if (t != LabelMask.IGNORE) {
                check(t, predicted[i], i - offset);
            }
        }
        for (int i = offset; i < offset + length; i++) {
            int t = truth[i] & 0xFF;
            if (t != LabelMask.IGNORE) {
                counts[t * numClasses + predicted[i]]++;
            }
        }
    }

    /**
     * Adds a whole predicted mask against its truth. As with {@link #add(int[], byte[], int, int)},
     * a failed call counts nothing.
     *
     * @throws IllegalArgumentException if the masks differ in size or hold out-of-range labels
     */
    public void add(LabelMask predicted, LabelMask truth) {
        if (predicted.width() != truth.width() || predicted.height() != truth.height()) {
            throw new IllegalArgumentException("prediction is " + predicted.width() + "x" + predicted.height()
                    + " but truth is " + truth.width() + "x" + truth.height());
        }
        byte[] p = predicted.data();
        byte[] t = truth.data();
        for (int i = 0; i < t.length; i++) {
            int label = t[i] & 0xFF;
            if (label != LabelMask.IGNORE) {
                check(label, p[i] & 0xFF, i);
            }
        }
        for (int i = 0; i < t.length; i++) {
            int label = t[i] & 0xFF;
            if (label != LabelMask.IGNORE) {
                counts[label * numClasses + (p[i] & 0xFF)]++;
            }
        }
    }

    private void check(int truth, int predicted, int pixel) {
        if (truth >= numClasses || predicted < 0 || predicted >= numClasses) {
            throw new IllegalArgumentException("label " + truth + " or prediction " + predicted + " outside 0.."
                    + (numClasses - 1) + " at pixel " + pixel);
        }
    }

    /** Adds the counts of {@code other} to this matrix. */
    public void merge(ConfusionMatrix other) {
        if (other.numClasses != numClasses) {
            throw new IllegalArgumentException("cannot merge a " + other.numClasses + "-class matrix into a "
                    + numClasses + "-class one");
        }
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
    }

    /** Pixels of true class {@code truth} predicted as {@code predicted}. */
    public long count(int truth, int predicted) {
        Objects.checkIndex(truth, numClasses);
        Objects.checkIndex(predicted, numClasses);
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

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.deepToString(toRows());
    }
}
