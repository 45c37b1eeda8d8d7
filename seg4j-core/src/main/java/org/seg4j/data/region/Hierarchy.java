package org.seg4j.data.region;

import java.util.Arrays;

/**
 * One run of selective search's hierarchical grouping: the initial segments ({@link #leaves()},
 * nodes {@code 0..leafCount-1}) and the regions made by merging two neighbours, in merge order
 * (nodes {@code leafCount..}); the last node is the whole image when the segments are connected.
 * Each node has a bounding box, a pixel count, its children and its parent.
 */
public final class Hierarchy {

    private final Segments leaves;
    private final String strategy;
    private final int[] parent;
    private final int[] childA;
    private final int[] childB;
    private final int[] size;
    /** x0, y0, x1, y1 per node, ends exclusive. */
    private final int[] box;
    private final long[] hash;
    private final int count;
    private int counter;

    Hierarchy(Segments leaves, String strategy, int capacity) {
        this.leaves = leaves;
        this.strategy = strategy;
        this.parent = new int[capacity];
        this.childA = new int[capacity];
        this.childB = new int[capacity];
        this.size = new int[capacity];
        this.box = new int[capacity * 4];
        this.hash = new long[capacity];
        Arrays.fill(parent, -1);
        Arrays.fill(childA, -1);
        Arrays.fill(childB, -1);
        int n = leaves.count();
        int w = leaves.width();
        for (int i = 0; i < n; i++) {
            box[i * 4] = Integer.MAX_VALUE;
            box[i * 4 + 1] = Integer.MAX_VALUE;
        }
        int[] labels = leaves.labels();
        for (int p = 0; p < labels.length; p++) {
            int l = labels[p];
            int x = p % w;
            int y = p / w;
            size[l]++;
            hash[l] ^= mix(p);
            box[l * 4] = Math.min(box[l * 4], x);
            box[l * 4 + 1] = Math.min(box[l * 4 + 1], y);
            box[l * 4 + 2] = Math.max(box[l * 4 + 2], x + 1);
            box[l * 4 + 3] = Math.max(box[l * 4 + 3], y + 1);
        }
        this.count = n;
        counter = n;
    }

    /** Adds the merge of {@code a} and {@code b}; returns the new node. */
    int merge(int a, int b) {
        int t = counter++;
        parent[a] = t;
        parent[b] = t;
        childA[t] = a;
        childB[t] = b;
        size[t] = size[a] + size[b];
        hash[t] = hash[a] ^ hash[b];
        for (int k = 0; k < 2; k++) {
            box[t * 4 + k] = Math.min(box[a * 4 + k], box[b * 4 + k]);
            box[t * 4 + 2 + k] = Math.max(box[a * 4 + 2 + k], box[b * 4 + 2 + k]);
        }
        return t;
    }

    /** The initial segmentation. */
    public Segments leaves() {
        return leaves;
    }

    /** The strategy in words, e.g. {@code hsv k=100 CTSF}. */
    public String strategy() {
        return strategy;
    }

    /** Number of initial segments. */
    public int leafCount() {
        return count;
    }

    /** Number of nodes: leaves plus merges. */
    public int nodeCount() {
        return counter;
    }

    /** The node that {@code node} was merged into, or -1 for a root. */
    public int parent(int node) {
        return parent[node];
    }

    /** The first child of a merged node, -1 for a leaf. */
    public int childA(int node) {
        return childA[node];
    }

    /** The second child of a merged node, -1 for a leaf. */
    public int childB(int node) {
        return childB[node];
    }

    /** Pixels in {@code node}. */
    public int size(int node) {
        return size[node];
    }

    /** Bounding box {@code {x0, y0, x1, y1}} of {@code node}, ends exclusive. */
    public int[] box(int node) {
        return Arrays.copyOfRange(box, node * 4, node * 4 + 4);
    }

    /** Area of {@code node}'s bounding box. */
    int boxArea(int node) {
        return (box[node * 4 + 2] - box[node * 4]) * (box[node * 4 + 3] - box[node * 4 + 1]);
    }

    /** A hash of {@code node}'s pixel set: equal sets in any hierarchy of the same image hash alike. */
    public long pixelHash(int node) {
        return hash[node];
    }

    /** Whether leaf {@code leaf} lies in {@code node} (walks up from the leaf). */
    public boolean contains(int node, int leaf) {
        for (int v = leaf; v >= 0; v = parent[v]) {
            if (v == node) {
                return true;
            }
        }
        return false;
    }

    /** The leaves under {@code node}, flagged in an array indexed by leaf. */
    public boolean[] leafSet(int node) {
        boolean[] in = new boolean[count];
        int[] stack = new int[counter];
        int top = 0;
        stack[top++] = node;
        while (top > 0) {
            int v = stack[--top];
            if (v < count) {
                in[v] = true;
            } else {
                stack[top++] = childA[v];
                stack[top++] = childB[v];
            }
        }
        return in;
    }

    /** {@code node}'s pixels as a {@code width * height} mask. */
    public boolean[] mask(int node) {
        boolean[] leafIn = leafSet(node);
        int[] labels = leaves.labels();
        boolean[] mask = new boolean[labels.length];
        for (int p = 0; p < labels.length; p++) {
            mask[p] = leafIn[labels[p]];
        }
        return mask;
    }

    /** SplitMix64 finaliser: a well-spread 64-bit value per pixel index. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
