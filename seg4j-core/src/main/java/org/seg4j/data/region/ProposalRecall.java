package org.seg4j.data.region;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.LabelMask;
import org.seg4j.data.instance.ConnectedComponents;

/**
 * How well proposals cover the ground truth: each object (a 4-connected region of one class in the
 * mask, void excluded, at least {@code minPixels} pixels) gets the best intersection over union
 * of any proposal with it, as in selective search's "average best overlap" (ABO).
 */
public final class ProposalRecall {

    private ProposalRecall() {}

    /**
     * One ground-truth object and its best-matching proposal.
     *
     * @param classId the object's class
     * @param pixels the object's size
     * @param bestIou the best IoU of any proposal with it
     */
    public record ObjectMatch(int classId, int pixels, double bestIou) {}

    /** The best IoU of each object of {@code truth} with {@code proposals} (same size). */
    public static List<ObjectMatch> match(Proposals proposals, LabelMask truth, int numClasses, int minPixels) {
        int w = truth.width();
        int h = truth.height();
        if (w != proposals.width() || h != proposals.height()) {
            throw new IllegalArgumentException("mask is " + w + "x" + h + " but the proposals are for "
                    + proposals.width() + "x" + proposals.height());
        }
        int[] objectOf = new int[w * h];
        java.util.Arrays.fill(objectOf, -1);
        List<int[]> objects = new ArrayList<>(); // {class, pixels}
        for (int c = 0; c < numClasses; c++) {
            boolean[] m = new boolean[w * h];
            boolean any = false;
            for (int p = 0; p < m.length; p++) {
                m[p] = (truth.data()[p] & 0xFF) == c;
                any |= m[p];
            }
            if (!any) {
                continue;
            }
            int[] comp = ConnectedComponents.label(m, w, h);
            int max = 0;
            for (int v : comp) {
                max = Math.max(max, v);
            }
            int[] sizes = new int[max + 1];
            for (int v : comp) {
                sizes[v]++;
            }
            int[] id = new int[max + 1];
            for (int k = 1; k <= max; k++) {
                id[k] = -1;
                if (sizes[k] >= minPixels) {
                    id[k] = objects.size();
                    objects.add(new int[] {c, sizes[k]});
                }
            }
            for (int p = 0; p < comp.length; p++) {
                if (comp[p] > 0 && id[comp[p]] >= 0) {
                    objectOf[p] = id[comp[p]];
                }
            }
        }
        int n = objects.size();
        double[] best = new double[n];
        List<Hierarchy> trees = proposals.hierarchies();
        double[][] inter = new double[trees.size()][];
        for (Proposal p : proposals.list()) {
            if (inter[p.hierarchy()] == null) {
                inter[p.hierarchy()] = NodeSums.counts(trees.get(p.hierarchy()), objectOf, Math.max(1, n));
            }
            double[] counts = inter[p.hierarchy()];
            for (int o = 0; o < n; o++) {
                double i = counts[p.node() * n + o];
                if (i > 0) {
                    best[o] = Math.max(best[o], i / (p.size() + objects.get(o)[1] - i));
                }
            }
        }
        List<ObjectMatch> out = new ArrayList<>(n);
        for (int o = 0; o < n; o++) {
            out.add(new ObjectMatch(objects.get(o)[0], objects.get(o)[1], best[o]));
        }
        return out;
    }
}
