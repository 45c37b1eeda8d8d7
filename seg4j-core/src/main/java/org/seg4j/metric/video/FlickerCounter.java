package org.seg4j.metric.video;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;

/**
 * Counts flicker between consecutive predicted frames.
 *
 * <ul>
 *   <li><b>Flicker</b> (labelled pairs): among pixels whose ground truth is the same valid class in
 *       both frames, the fraction whose predicted class changes. The truth did not change there, so
 *       every predicted change is an error of consistency (camera or object motion moves some truth
 *       too; those pixels are left out).
 *   <li><b>Unlabelled flicker</b> (every pair): the fraction of all pixels whose predicted class
 *       changes. It needs no labels, but also counts changes that motion makes correct.
 * </ul>
 *
 * <p>Counts accumulate over pairs and sequences; the fractions are computed once from the totals.
 * Each pair's own fractions are kept too, in the order the pairs were added ({@link #perPair()}), so
 * that a plot can show where in a clip the prediction flickers.
 */
public final class FlickerCounter {

    private long pairs;
    private long pixels;
    private long changed;
    private long labelledPairs;
    private long stablePixels;
    private long stableChanged;
    private final List<PairFlicker> perPair = new ArrayList<>();

    /**
     * The flicker of one pair of consecutive frames.
     *
     * @param unlabelled fraction of all pixels whose prediction changed
     * @param labelled fraction of the pixels with the same valid truth in both frames whose prediction
     *     changed; NaN when the pair is not labelled on both frames or no pixel kept its truth
     */
    public record PairFlicker(double unlabelled, double labelled) {}

    /**
     * Adds one pair of consecutive frames.
     *
     * @param previous the prediction of the earlier frame
     * @param current the prediction of the later frame
     * @param previousTruth ground truth of the earlier frame, or {@code null}
     * @param currentTruth ground truth of the later frame, or {@code null}; the pair counts for
     *     labelled flicker only when both truths are given
     */
    public void add(LabelMask previous, LabelMask current, LabelMask previousTruth, LabelMask currentTruth) {
        checkSize(previous, current, "predictions");
        byte[] a = previous.data();
        byte[] b = current.data();
        long c = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) {
                c++;
            }
        }
        pairs++;
        pixels += a.length;
        changed += c;
        double unlabelled = a.length == 0 ? Double.NaN : (double) c / a.length;
        if (previousTruth == null || currentTruth == null) {
            perPair.add(new PairFlicker(unlabelled, Double.NaN));
            return;
        }
        checkSize(previous, previousTruth, "prediction and ground truth");
        checkSize(previous, currentTruth, "prediction and ground truth");
        byte[] ta = previousTruth.data();
        byte[] tb = currentTruth.data();
        long stable = 0;
        long flips = 0;
        for (int i = 0; i < a.length; i++) {
            if (ta[i] == tb[i] && (ta[i] & 0xFF) != LabelMask.IGNORE) {
                stable++;
                if (a[i] != b[i]) {
                    flips++;
                }
            }
        }
        labelledPairs++;
        stablePixels += stable;
        stableChanged += flips;
        perPair.add(new PairFlicker(unlabelled, stable == 0 ? Double.NaN : (double) flips / stable));
    }

    private static void checkSize(LabelMask x, LabelMask y, String what) {
        if (x.width() != y.width() || x.height() != y.height()) {
            throw new Seg4jException("flicker: " + what + " differ in size (" + x.width() + "x" + x.height()
                    + " vs " + y.width() + "x" + y.height() + ")");
        }
    }

    /** Adds the counts of another counter (another sequence). */
    public void merge(FlickerCounter other) {
        pairs += other.pairs;
        pixels += other.pixels;
        changed += other.changed;
        labelledPairs += other.labelledPairs;
        stablePixels += other.stablePixels;
        stableChanged += other.stableChanged;
        perPair.addAll(other.perPair);
    }

    /** Each pair's flicker, in the order the pairs were added (merged counters' pairs follow). */
    public List<PairFlicker> perPair() {
        return List.copyOf(perPair);
    }

    /** Flicker on labelled pairs, 0..1; NaN when no pair had labels on both frames. */
    public double flicker() {
        return stablePixels == 0 ? Double.NaN : (double) stableChanged / stablePixels;
    }

    /** Fraction of all pixels whose prediction changed between consecutive frames; NaN without pairs. */
    public double unlabelledFlicker() {
        return pixels == 0 ? Double.NaN : (double) changed / pixels;
    }

    /** Consecutive pairs counted. */
    public long pairs() {
        return pairs;
    }

    /** Consecutive pairs with ground truth on both frames. */
    public long labelledPairs() {
        return labelledPairs;
    }

    /** Pixels whose truth was the same valid class in both frames of a labelled pair. */
    public long stablePixels() {
        return stablePixels;
    }
}
