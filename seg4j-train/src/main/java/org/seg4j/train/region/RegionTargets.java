package org.seg4j.train.region;

import org.seg4j.data.LabelMask;
import org.seg4j.data.region.Hierarchy;
import org.seg4j.data.region.NodeSums;
import org.seg4j.data.region.Proposal;
import org.seg4j.data.region.Proposals;

/**
 * Training labels of regions from their overlap with the ground-truth mask. For a region, the
 * share of class {@code k} is the fraction of its labelled (non-void) pixels that are {@code k}.
 * The region is a positive example of {@code k} when that share is at least {@code positiveShare}
 * (default 0.7), a negative example of {@code k} when it is below {@code negativeShare} (default
 * 0.3), and left out of {@code k}'s training in between (R-CNN's gap between positives and
 * negatives). Regions whose pixels are more than {@code maxVoid} void (default 0.5) are left out
 * altogether.
 */
final class RegionTargets {

    private RegionTargets() {}

    /**
     * @return per proposal, {@code classes} labels (1 positive, -1 negative, 0 left out), or {@code
     *     null} for a region left out altogether
     */
    static byte[][] of(Proposals proposals, LabelMask mask, int classes, double positiveShare, double negativeShare,
            double maxVoid) {
        int[] category = new int[mask.width() * mask.height()];
        byte[] m = mask.data();
        for (int p = 0; p < category.length; p++) {
            int v = m[p] & 0xFF;
            category[p] = v < classes ? v : -1;
        }
        double[][] counts = new double[proposals.hierarchies().size()][];
        byte[][] out = new byte[proposals.size()][];
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            if (counts[p.hierarchy()] == null) {
                Hierarchy tree = proposals.hierarchies().get(p.hierarchy());
                counts[p.hierarchy()] = NodeSums.counts(tree, category, classes);
            }
            double[] c = counts[p.hierarchy()];
            double labelled = 0;
            for (int k = 0; k < classes; k++) {
                labelled += c[p.node() * classes + k];
            }
            if (labelled == 0 || 1 - labelled / p.size() > maxVoid) {
                continue;
            }
            byte[] row = new byte[classes];
            for (int k = 0; k < classes; k++) {
                double share = c[p.node() * classes + k] / labelled;
                row[k] = share >= positiveShare ? (byte) 1 : share < negativeShare ? (byte) -1 : 0;
            }
            out[i] = row;
        }
        return out;
    }
}
