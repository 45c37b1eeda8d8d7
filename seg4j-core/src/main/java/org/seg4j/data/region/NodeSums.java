package org.seg4j.data.region;

/**
 * Sums of per-pixel vectors over every node of a {@link Hierarchy}: accumulated per initial
 * segment in one pass over the pixels, then up the tree (a merged node's sum is its children's),
 * so that a value pooled over thousands of nested regions costs one pass over the image.
 */
public final class NodeSums {

    private NodeSums() {}

    /**
     * @param perLeaf {@code leafCount x dim} sums over each initial segment, row-major
     * @return {@code nodeCount x dim} sums over each node
     */
    public static double[] up(Hierarchy tree, double[] perLeaf, int dim) {
        int nodes = tree.nodeCount();
        double[] out = new double[nodes * dim];
        System.arraycopy(perLeaf, 0, out, 0, tree.leafCount() * dim);
        for (int v = tree.leafCount(); v < nodes; v++) {
            int a = tree.childA(v) * dim;
            int b = tree.childB(v) * dim;
            int t = v * dim;
            for (int k = 0; k < dim; k++) {
                out[t + k] = out[a + k] + out[b + k];
            }
        }
        return out;
    }

    /**
     * Per-node counts of each value of a per-pixel category map (e.g. class ids or object ids).
     *
     * @param categories one value per pixel in {@code 0..count-1}, or negative to skip the pixel
     * @return {@code nodeCount x count} pixel counts
     */
    public static double[] counts(Hierarchy tree, int[] categories, int count) {
        int[] labels = tree.leaves().labels();
        double[] perLeaf = new double[tree.leafCount() * count];
        for (int p = 0; p < labels.length; p++) {
            int c = categories[p];
            if (c >= 0) {
                perLeaf[labels[p] * count + c]++;
            }
        }
        return up(tree, perLeaf, count);
    }
}
