package org.seg4j.infer.region;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.data.region.Hierarchy;
import org.seg4j.data.region.NodeSums;
import org.seg4j.data.region.Proposal;
import org.seg4j.data.region.Proposals;
import org.seg4j.data.region.Segments;

/**
 * R-CNN's two region descriptors pooled from one shared feature map (Girshick et al. 2014,
 * section 2.3, "full" and "foreground"): the mean feature over the cells the region's bounding box
 * covers, and the mean over the region's own pixels (each pixel contributes the cell it lies in, so
 * a cell counts in proportion to how much of the region covers it). A region's vector is
 * {@code [foreground (C), box (C)]}.
 *
 * <p>Cost: one pass over the pixels per distinct initial segmentation (sums per segment, then up
 * each hierarchy with {@link NodeSums}), plus one integral image: the box means cost {@code O(C)}
 * each.
 */
public final class RegionFeatures {

    private RegionFeatures() {}

    /** Length of a region's vector for a map of {@code channels}. */
    public static int dimension(int channels) {
        return 2 * channels;
    }

    /** One row of {@code 2 * channels} floats per proposal, in the proposals' order. */
    public static float[][] pool(FeatureMap map, Proposals proposals) {
        int c = map.channels();
        int fw = map.width();
        int fh = map.height();
        int cells = fh * fw;
        int stride = map.stride();
        float[] f = map.data();
        Map<Segments, double[]> leafSums = new IdentityHashMap<>();
        Map<Hierarchy, double[]> nodeSums = new IdentityHashMap<>();
        List<Hierarchy> trees = proposals.hierarchies();
        double[] integral = integral(map);
        float[][] out = new float[proposals.size()][2 * c];
        for (int i = 0; i < proposals.size(); i++) {
            Proposal p = proposals.get(i);
            Hierarchy tree = trees.get(p.hierarchy());
            double[] sums = nodeSums.computeIfAbsent(tree, t -> NodeSums.up(t,
                    leafSums.computeIfAbsent(t.leaves(), s -> perLeaf(s, f, c, fw, cells, stride)), c));
            float[] row = out[i];
            int base = p.node() * c;
            for (int k = 0; k < c; k++) {
                row[k] = (float) (sums[base + k] / p.size());
            }
            int[] b = p.box();
            int cx0 = b[0] / stride;
            int cy0 = b[1] / stride;
            int cx1 = Math.min(fw, (b[2] + stride - 1) / stride);
            int cy1 = Math.min(fh, (b[3] + stride - 1) / stride);
            double area = (double) (cx1 - cx0) * (cy1 - cy0);
            int iw = fw + 1;
            int planeSize = (fh + 1) * iw;
            for (int k = 0; k < c; k++) {
                int o = k * planeSize;
                double s = integral[o + cy1 * iw + cx1] - integral[o + cy0 * iw + cx1]
                        - integral[o + cy1 * iw + cx0] + integral[o + cy0 * iw + cx0];
                row[c + k] = (float) (s / area);
            }
        }
        return out;
    }

    private static double[] perLeaf(Segments s, float[] f, int c, int fw, int cells, int stride) {
        // count pixels per (segment, cell) first: far fewer pairs than pixels x channels
        int[] labels = s.labels();
        int w = s.width();
        Map<Long, int[]> pairs = new java.util.HashMap<>();
        for (int p = 0; p < labels.length; p++) {
            int cell = (p / w / stride) * fw + (p % w) / stride;
            long key = ((long) labels[p] << 32) | cell;
            pairs.computeIfAbsent(key, k -> new int[1])[0]++;
        }
        double[] sums = new double[s.count() * c];
        for (Map.Entry<Long, int[]> e : pairs.entrySet()) {
            int leaf = (int) (e.getKey() >>> 32);
            int cell = (int) (long) e.getKey();
            int n = e.getValue()[0];
            for (int k = 0; k < c; k++) {
                sums[leaf * c + k] += (double) n * f[k * cells + cell];
            }
        }
        return sums;
    }

    /** Per channel, the {@code (h+1) x (w+1)} summed-area table of the map. */
    private static double[] integral(FeatureMap map) {
        int c = map.channels();
        int h = map.height();
        int w = map.width();
        int iw = w + 1;
        double[] out = new double[c * (h + 1) * iw];
        float[] f = map.data();
        for (int k = 0; k < c; k++) {
            int o = k * (h + 1) * iw;
            for (int y = 0; y < h; y++) {
                double row = 0;
                for (int x = 0; x < w; x++) {
                    row += f[k * h * w + y * w + x];
                    out[o + (y + 1) * iw + x + 1] = out[o + y * iw + x + 1] + row;
                }
            }
        }
        return out;
    }
}
