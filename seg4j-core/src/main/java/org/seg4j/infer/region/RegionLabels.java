package org.seg4j.infer.region;

import java.util.Arrays;
import java.util.List;
import org.seg4j.data.region.Hierarchy;
import org.seg4j.data.region.Proposal;
import org.seg4j.data.region.Proposals;

/**
 * Pixel scores from region scores (Caesar, Uijlings and Ferrari 2016, "region-based semantic
 * segmentation with end-to-end training", section 3.1): the score of class {@code k} at a pixel is
 * the best score of class {@code k} among the proposals that contain the pixel, so the per-pixel
 * argmax is the class of the best-scoring (region, class) pair covering it.
 *
 * <p>Computed per hierarchy by passing each node's best score down to its children (a pixel lies in
 * its initial segment and every ancestor), then per pixel over the hierarchies. Every pixel is
 * covered ({@link Proposals} always keeps the whole image), so no pixel is left without a score.
 */
public final class RegionLabels {

    private RegionLabels() {}

    /**
     * @param scores one row of {@code classes} scores per proposal
     * @return {@code classes x height x width} scores
     */
    public static float[] pixelScores(Proposals proposals, float[][] scores, int classes) {
        int pixels = proposals.width() * proposals.height();
        float[] out = new float[classes * pixels];
        Arrays.fill(out, Float.NEGATIVE_INFINITY);
        List<Hierarchy> trees = proposals.hierarchies();
        float[][] best = new float[trees.size()][];
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            if (best[p.hierarchy()] == null) {
                best[p.hierarchy()] = new float[trees.get(p.hierarchy()).nodeCount() * classes];
                Arrays.fill(best[p.hierarchy()], Float.NEGATIVE_INFINITY);
            }
            System.arraycopy(scores[i], 0, best[p.hierarchy()], p.node() * classes, classes);
        }
        for (int h = 0; h < trees.size(); h++) {
            float[] b = best[h];
            if (b == null) {
                continue;
            }
            Hierarchy tree = trees.get(h);
            // parents come after their children: walking down from the root passes each best score on
            for (int v = tree.nodeCount() - 1; v >= 0; v--) {
                int parent = tree.parent(v);
                if (parent >= 0) {
                    for (int k = 0; k < classes; k++) {
                        b[v * classes + k] = Math.max(b[v * classes + k], b[parent * classes + k]);
                    }
                }
            }
            int[] labels = tree.leaves().labels();
            for (int p = 0; p < pixels; p++) {
                int o = labels[p] * classes;
                for (int k = 0; k < classes; k++) {
                    int i = k * pixels + p;
                    out[i] = Math.max(out[i], b[o + k]);
                }
            }
        }
        return out;
    }
}
