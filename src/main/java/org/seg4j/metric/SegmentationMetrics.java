package org.seg4j.metric;

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
