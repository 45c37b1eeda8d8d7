package org.seg4j.metric;

import java.util.Arrays;
import java.util.Locale;

/**
 * The standard segmentation metrics, all derived from one {@link ConfusionMatrix}. A class that
 * appears in neither truth nor prediction has no defined IoU: its entries are {@code NaN} (shown as
 * n/a) and it is left out of every mean.
 *
 * @param pixelAccuracy correctly classified pixels / all counted pixels
 * @param meanClassAccuracy mean over present classes of per-class recall
 * @param iou per-class intersection over union
 * @param meanIoU mean of the defined per-class IoUs
 * @param frequencyWeightedIoU per-class IoU weighted by the class's share of true pixels
 * @param precision per-class TP / (TP + FP)
 * @param recall per-class TP / (TP + FN)
 * @param f1 per-class 2TP / (2TP + FP + FN), equal to the Dice coefficient
 * @param meanF1 mean of the defined per-class F1 values
 * @param support per-class number of true pixels
 */
public record SegmentationMetrics(
        double pixelAccuracy,
        double meanClassAccuracy,
        double[] iou,
        double meanIoU,
        double frequencyWeightedIoU,
        double[] precision,
        double[] recall,
        double[] f1,
        double meanF1,
        long[] support) {

    public SegmentationMetrics {
        int n = iou.length;
        if (precision.length != n || recall.length != n || f1.length != n || support.length != n) {
            throw new IllegalArgumentException("per-class arrays must all have one entry per class");
        }
        iou = iou.clone();
        precision = precision.clone();
        recall = recall.clone();
        f1 = f1.clone();
        support = support.clone();
    }

    /** Derives all metrics from {@code m}. */
    public static SegmentationMetrics of(ConfusionMatrix m) {
        int n = m.numClasses();
        long total = m.total();
        double[] iou = new double[n];
        double[] precision = new double[n];
        double[] recall = new double[n];
        double[] f1 = new double[n];
        long[] support = new long[n];
        long correct = 0;
        double fw = 0;
        for (int c = 0; c < n; c++) {
            long tp = m.count(c, c);
            long fn = 0;
            long fp = 0;
            for (int o = 0; o < n; o++) {
                if (o != c) {
                    fn += m.count(c, o);
                    fp += m.count(o, c);
                }
            }
            correct += tp;
            support[c] = tp + fn;
            iou[c] = ratio(tp, tp + fp + fn);
            precision[c] = ratio(tp, tp + fp);
            recall[c] = ratio(tp, tp + fn);
            f1[c] = ratio(2 * tp, 2 * tp + fp + fn);
            if (support[c] > 0 && !Double.isNaN(iou[c])) {
                fw += (double) support[c] / total * iou[c];
            }
        }
        return new SegmentationMetrics(
                ratio(correct, total), nanMean(recall), iou, nanMean(iou), total == 0 ? Double.NaN : fw,
                precision, recall, f1, nanMean(f1), support);
    }

    /** Number of classes. */
    public int numClasses() {
        return iou.length;
    }

    /** Mean of the defined per-class precisions. */
    public double meanPrecision() {
        return nanMean(precision);
    }

    /** Mean of the defined per-class recalls; equal to {@link #meanClassAccuracy()}. */
    public double meanRecall() {
        return nanMean(recall);
    }

    /** Per-class intersection over union; {@code NaN} where undefined. */
    @Override
    public double[] iou() {
        return iou.clone();
    }

    /** Per-class precision; {@code NaN} where the class is never predicted. */
    @Override
    public double[] precision() {
        return precision.clone();
    }

    /** Per-class recall; {@code NaN} where the class is never true. */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** Per-class F1 (Dice); {@code NaN} where the class is neither true nor predicted. */
    @Override
    public double[] f1() {
        return f1.clone();
    }

    /** Per-class number of true pixels. */
    @Override
    public long[] support() {
        return support.clone();
    }

    // Records compare array components by reference; metrics are values, so compare contents.
    @Override
    public boolean equals(Object o) {
        return o instanceof SegmentationMetrics m
                && Double.compare(pixelAccuracy, m.pixelAccuracy) == 0
                && Double.compare(meanClassAccuracy, m.meanClassAccuracy) == 0
                && Double.compare(meanIoU, m.meanIoU) == 0
                && Double.compare(frequencyWeightedIoU, m.frequencyWeightedIoU) == 0
                && Double.compare(meanF1, m.meanF1) == 0
                && Arrays.equals(iou, m.iou)
                && Arrays.equals(precision, m.precision)
                && Arrays.equals(recall, m.recall)
                && Arrays.equals(f1, m.f1)
                && Arrays.equals(support, m.support);
    }

    @Override
    public int hashCode() {
        int h = Double.hashCode(meanIoU);
        h = 31 * h + Double.hashCode(pixelAccuracy);
        h = 31 * h + Arrays.hashCode(iou);
        return 31 * h + Arrays.hashCode(support);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SegmentationMetrics[mIoU=%.4f, pixelAccuracy=%.4f, meanClassAccuracy=%.4f,"
                        + " fwIoU=%.4f, meanF1=%.4f, iou=%s, support=%s]",
                meanIoU, pixelAccuracy, meanClassAccuracy, frequencyWeightedIoU, meanF1, Arrays.toString(iou),
                Arrays.toString(support));
    }

    private static double ratio(long num, long den) {
        return den == 0 ? Double.NaN : (double) num / den;
    }

    /** Mean of the values that are not NaN; NaN when there are none. */
    static double nanMean(double[] values) {
        double sum = 0;
        int k = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                k++;
            }
        }
        return k == 0 ? Double.NaN : sum / k;
    }
}
