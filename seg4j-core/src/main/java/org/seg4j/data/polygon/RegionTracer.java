package org.seg4j.data.polygon;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.LabelMask;
import org.seg4j.util.ComponentLabels;

/**
 * Finds the 4-connected regions of every class of a mask (void pixels belong to none) and traces
 * their outlines along pixel edges. Each edge between a region pixel and a pixel of anything else
 * (another region, void, outside the image) is directed with the region on its right; the edges
 * are then chained into rings, turning right first where two rings of the same region touch at a
 * corner, so that diagonal pixels stay apart as 4-connectivity demands. Vertices are kept only where
 * the outline turns.
 */
public final class RegionTracer {

    // directions: east, south, west, north (y grows downwards)
    private static final int[] DX = {1, 0, -1, 0};
    private static final int[] DY = {0, 1, 0, -1};

    private RegionTracer() {}

    /** Every region of every class, in the order of their first pixel (row by row). */
    public static List<Region> trace(LabelMask mask) {
        int w = mask.width();
        int h = mask.height();
        int[] comp = new int[w * h];
        List<ComponentLabels.Component> info = label(mask, comp);
        int vw = w + 1;
        int[] owner = new int[vw * (h + 1) * 4];
        java.util.Arrays.fill(owner, -1);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int k = comp[y * w + x];
                if (k < 0) {
                    continue;
                }
                if (y == 0 || comp[(y - 1) * w + x] != k) {
                    owner[(y * vw + x) * 4] = k;
                }
                if (x == w - 1 || comp[y * w + x + 1] != k) {
                    owner[(y * vw + x + 1) * 4 + 1] = k;
                }
                if (y == h - 1 || comp[(y + 1) * w + x] != k) {
                    owner[((y + 1) * vw + x + 1) * 4 + 2] = k;
                }
                if (x == 0 || comp[y * w + x - 1] != k) {
                    owner[((y + 1) * vw + x) * 4 + 3] = k;
                }
            }
        }
        int n = info.size();
        int[][] outers = new int[n][];
        List<List<int[]>> holes = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            holes.add(new ArrayList<>());
        }
        boolean[] used = new boolean[owner.length];
        for (int e = 0; e < owner.length; e++) {
            int k = owner[e];
            if (k < 0 || used[e]) {
                continue;
            }
            int[] ring = chain(owner, used, e, k, vw);
            if (signedArea2(ring) > 0) {
                outers[k] = ring;
            } else {
                holes.get(k).add(ring);
            }
        }
        List<Region> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            ComponentLabels.Component c = info.get(k);
            out.add(new Region(c.key(), outers[k], holes.get(k), c.pixels(),
                    new int[] {c.minX(), c.minY(), c.maxX() - c.minX() + 1, c.maxY() - c.minY() + 1}));
        }
        return out;
    }

    // comp[i] = region index or -1 for void; the regions' classes (keys), sizes and boxes
    private static List<ComponentLabels.Component> label(LabelMask mask, int[] comp) {
        byte[] d = mask.data();
        int[] keys = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            int cls = d[i] & 0xFF;
            keys[i] = cls == LabelMask.IGNORE ? -1 : cls;
        }
        int[] labels = ComponentLabels.label(keys, mask.width(), mask.height(), ComponentLabels.Connectivity.FOUR);
        for (int i = 0; i < labels.length; i++) {
            comp[i] = labels[i] - 1;
        }
        return ComponentLabels.components(labels, keys, mask.width());
    }

    // follows the edges of region k from edge `start` back to it; returns the turning vertices
    private static int[] chain(int[] owner, boolean[] used, int start, int k, int vw) {
        IntList xy = new IntList();
        int e = start;
        int prevDir = -1;
        do {
            used[e] = true;
            int v = e / 4;
            int dir = e % 4;
            if (dir != prevDir) {
                xy.add(v % vw);
                xy.add(v / vw);
            }
            prevDir = dir;
            int end = v + DX[dir] + DY[dir] * vw;
            int next = -1;
            for (int turn : new int[] {1, 0, 3}) {
                int cand = end * 4 + (dir + turn) % 4;
                if (owner[cand] == k) {
                    next = cand;
                    break;
                }
            }
            if (next < 0) {
                throw new IllegalStateException("open outline at vertex " + end);
            }
            e = next;
        } while (e != start);
        int[] ring = xy.toArray();
        // the start vertex is no corner when the ring closes running straight through it
        if (prevDir == start % 4 && ring.length > 2) {
            ring = java.util.Arrays.copyOfRange(ring, 2, ring.length);
        }
        return ring;
    }

    /** Twice the signed area (shoelace, y down): positive for clockwise rings on screen. */
    static long signedArea2(int[] ring) {
        long s = 0;
        int n = ring.length / 2;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            s += (long) ring[2 * i] * ring[2 * j + 1] - (long) ring[2 * j] * ring[2 * i + 1];
        }
        return s;
    }

    /** A growable int array. */
    private static final class IntList {
        private int[] a = new int[64];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
