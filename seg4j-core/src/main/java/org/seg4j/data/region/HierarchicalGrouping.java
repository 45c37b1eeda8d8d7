package org.seg4j.data.region;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Selective search's greedy grouping (Uijlings et al. 2013, algorithm 1): starting from the
 * initial segments, repeatedly merge the two most similar neighbouring regions until one region is
 * left, recording every merge in a {@link Hierarchy}. A merged region's histograms are the
 * size-weighted mean of its parts', its neighbours the union of theirs.
 */
final class HierarchicalGrouping {

    private final Set<Similarity> similarities;

    HierarchicalGrouping(Set<Similarity> similarities) {
        this.similarities = Set.copyOf(similarities);
    }

    Hierarchy group(Segments leaves, PixelDescriptors pixels, String strategy) {
        int n = leaves.count();
        int capacity = Math.max(1, 2 * n - 1);
        Hierarchy tree = new Hierarchy(leaves, strategy, capacity);
        double imageSize = leaves.labels().length;
        boolean colour = similarities.contains(Similarity.COLOUR);
        boolean texture = similarities.contains(Similarity.TEXTURE);
        double[][] colourHist = colour ? new double[capacity][] : null;
        double[][] textureHist = texture ? new double[capacity][] : null;
        int[] labels = leaves.labels();
        if (colour) {
            for (int i = 0; i < n; i++) {
                colourHist[i] = new double[PixelDescriptors.COLOUR_LENGTH];
            }
            for (int p = 0; p < labels.length; p++) {
                for (int c = 0; c < 3; c++) {
                    colourHist[labels[p]][pixels.colour[p * 3 + c]]++;
                }
            }
            normalise(colourHist, n);
        }
        if (texture) {
            int per = 3 * PixelDescriptors.ORIENTATIONS;
            for (int i = 0; i < n; i++) {
                textureHist[i] = new double[PixelDescriptors.TEXTURE_LENGTH];
            }
            for (int p = 0; p < labels.length; p++) {
                for (int k = 0; k < per; k++) {
                    textureHist[labels[p]][pixels.texture[p * per + k]]++;
                }
            }
            normalise(textureHist, n);
        }
        List<Set<Integer>> neighbours = new ArrayList<>(capacity);
        for (int i = 0; i < capacity; i++) {
            neighbours.add(i < n ? new HashSet<>() : null);
        }
        int w = leaves.width();
        int h = leaves.height();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int a = labels[y * w + x];
                if (x + 1 < w && labels[y * w + x + 1] != a) {
                    link(neighbours, a, labels[y * w + x + 1]);
                }
                if (y + 1 < h && labels[(y + 1) * w + x] != a) {
                    link(neighbours, a, labels[(y + 1) * w + x]);
                }
            }
        }
        boolean[] alive = new boolean[capacity];
        java.util.Arrays.fill(alive, 0, n, true);
        PriorityQueue<Pair> queue = new PriorityQueue<>();
        for (int a = 0; a < n; a++) {
            for (int b : neighbours.get(a)) {
                if (a < b) {
                    queue.add(new Pair(similarity(tree, colourHist, textureHist, a, b, imageSize), a, b));
                }
            }
        }
        while (!queue.isEmpty()) {
            Pair best = queue.poll();
            if (!alive[best.a] || !alive[best.b]) {
                continue;
            }
            int t = tree.merge(best.a, best.b);
            alive[best.a] = false;
            alive[best.b] = false;
            alive[t] = true;
            double sa = tree.size(best.a);
            double sb = tree.size(best.b);
            if (colour) {
                colourHist[t] = blend(colourHist[best.a], sa, colourHist[best.b], sb);
                colourHist[best.a] = null;
                colourHist[best.b] = null;
            }
            if (texture) {
                textureHist[t] = blend(textureHist[best.a], sa, textureHist[best.b], sb);
                textureHist[best.a] = null;
                textureHist[best.b] = null;
            }
            Set<Integer> joined = new HashSet<>(neighbours.get(best.a));
            joined.addAll(neighbours.get(best.b));
            joined.remove(best.a);
            joined.remove(best.b);
            neighbours.set(t, joined);
            neighbours.set(best.a, null);
            neighbours.set(best.b, null);
            for (int v : joined) {
                Set<Integer> nv = neighbours.get(v);
                nv.remove(best.a);
                nv.remove(best.b);
                nv.add(t);
                queue.add(new Pair(similarity(tree, colourHist, textureHist, v, t, imageSize), Math.min(v, t),
                        Math.max(v, t)));
            }
        }
        return tree;
    }

    private double similarity(Hierarchy tree, double[][] colourHist, double[][] textureHist, int a, int b,
            double imageSize) {
        double s = 0;
        if (colourHist != null) {
            s += intersection(colourHist[a], colourHist[b]);
        }
        if (textureHist != null) {
            s += intersection(textureHist[a], textureHist[b]);
        }
        if (similarities.contains(Similarity.SIZE)) {
            s += 1 - (tree.size(a) + tree.size(b)) / imageSize;
        }
        if (similarities.contains(Similarity.FILL)) {
            int[] ba = tree.box(a);
            int[] bb = tree.box(b);
            double box = (double) (Math.max(ba[2], bb[2]) - Math.min(ba[0], bb[0]))
                    * (Math.max(ba[3], bb[3]) - Math.min(ba[1], bb[1]));
            s += 1 - (box - tree.size(a) - tree.size(b)) / imageSize;
        }
        return s;
    }

    private static double intersection(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += Math.min(a[i], b[i]);
        }
        return s;
    }

    private static double[] blend(double[] a, double sa, double[] b, double sb) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (a[i] * sa + b[i] * sb) / (sa + sb);
        }
        return out;
    }

    private static void normalise(double[][] hists, int n) {
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (double v : hists[i]) {
                sum += v;
            }
            for (int k = 0; k < hists[i].length; k++) {
                hists[i][k] /= sum;
            }
        }
    }

    private static void link(List<Set<Integer>> neighbours, int a, int b) {
        neighbours.get(a).add(b);
        neighbours.get(b).add(a);
    }

    /** A candidate merge; the most similar first, ties by the smaller node ids (deterministic). */
    private record Pair(double similarity, int a, int b) implements Comparable<Pair> {
        @Override
        public int compareTo(Pair o) {
            int c = Double.compare(o.similarity, similarity);
            if (c != 0) {
                return c;
            }
            c = Integer.compare(a, o.a);
            return c != 0 ? c : Integer.compare(b, o.b);
        }
    }
}
