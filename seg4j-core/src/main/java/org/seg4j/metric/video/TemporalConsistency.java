package org.seg4j.metric.video;

import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.metric.SegmentationMetrics;

/**
 * Temporal consistency (TC) of Liu et al. 2020 ("Efficient Semantic Video Segmentation with
 * Per-frame Inference", ECCV): the IoU between a frame's prediction and the next frame's
 * prediction warped back onto it by optical flow. A prediction that follows the scene as it moves
 * scores 1; one whose labels flicker scores lower. No ground truth is needed.
 *
 * <p>For each consecutive pair (t, t+1), the prediction of t+1 is warped onto frame t along the
 * flow from t to t+1 ({@link FlowWarp#backward}, nearest neighbour, pixels warped from outside the
 * frame left out), and a {@link ConfusionMatrix} counts the prediction of t against the warped one.
 * As in the authors' evaluation code ({@code tool/eval_tc.py}: per-class intersections and unions
 * summed over all pairs, then IoU per class, then the mean), {@link #tc()} pools the counts of
 * every pair and takes the mean of the per-class IoUs; unlike that code, a class absent from every
 * pair has no IoU and is left out of the mean instead of counting as 0. {@link #meanPairTc()} is
 * the plain average over pairs of each pair's own mIoU, for comparison.
 *
 * <p>Counts accumulate over pairs and sequences; the figures are computed from the totals.
 */
public final class TemporalConsistency {

    private final ConfusionMatrix pooled;
    private long pairs;
    private long pixels;
    private double pairTcSum;
    private long pairsWithTc;

    /** An empty accumulator for predictions with class ids {@code 0..numClasses-1}. */
    public TemporalConsistency(int numClasses) {
        this.pooled = new ConfusionMatrix(numClasses);
    }

    /**
     * Adds one consecutive pair.
     *
     * @param current the prediction of frame t
     * @param next the prediction of frame t+1
     * @param flow the flow from frame t to frame t+1
     * @throws Seg4jException if the sizes differ or a prediction holds a class outside the range
     */
    public void add(LabelMask current, LabelMask next, FlowField flow) {
        if (current.width() != next.width() || current.height() != next.height()) {
            throw new Seg4jException("TC: consecutive predictions differ in size (" + current.width() + "x"
                    + current.height() + " vs " + next.width() + "x" + next.height() + ")");
        }
        if (flow.width() != current.width() || flow.height() != current.height()) {
            throw new Seg4jException("TC: the flow is " + flow.width() + "x" + flow.height() + " but the predictions are "
                    + current.width() + "x" + current.height());
        }
        addWarped(current, FlowWarp.backward(next, flow));
    }

    /**
     * Adds one pair whose next prediction is already warped onto the current frame;
     * {@link LabelMask#IGNORE} pixels of {@code warpedNext} are left out.
     */
    public void addWarped(LabelMask current, LabelMask warpedNext) {
        ConfusionMatrix pair = new ConfusionMatrix(pooled.numClasses());
        try {
            pair.add(current, warpedNext);
        } catch (IllegalArgumentException e) {
            throw new Seg4jException("TC: " + e.getMessage(), e);
        }
        pooled.merge(pair);
        pairs++;
        pixels += (long) current.width() * current.height();
        double m = pair.metrics().meanIoU();
        if (!Double.isNaN(m)) {
            pairTcSum += m;
            pairsWithTc++;
        }
    }

    /** Adds the counts of another accumulator (another sequence). */
    public void merge(TemporalConsistency other) {
        pooled.merge(other.pooled);
        pairs += other.pairs;
        pixels += other.pixels;
        pairTcSum += other.pairTcSum;
        pairsWithTc += other.pairsWithTc;
    }

    /** TC, 0..1: mean over classes of the IoU pooled over all pairs; NaN without counted pixels. */
    public double tc() {
        return metrics().meanIoU();
    }

    /** The average over pairs of each pair's own mIoU; NaN without pairs. */
    public double meanPairTc() {
        return pairsWithTc == 0 ? Double.NaN : pairTcSum / pairsWithTc;
    }

    /** Per-class IoU between predictions and warped next predictions (NaN for classes never seen). */
    public double[] perClass() {
        return metrics().iou();
    }

    /** Pairs added. */
    public long pairs() {
        return pairs;
    }

    /** Fraction of pixels counted: the rest were warped from outside the frame. NaN without pairs. */
    public double coverage() {
        return pixels == 0 ? Double.NaN : (double) pooled.total() / pixels;
    }

    private SegmentationMetrics metrics() {
        return pooled.metrics();
    }
}
