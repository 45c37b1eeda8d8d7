package org.seg4j.data.polygon;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins a region's holes into its outline, for formats whose polygons cannot have holes (COCO: a
 * list of polygons is their union). Each hole is entered by a zero-width cut from the nearest outer
 * vertex, walked round in its own (opposite) direction and left by the same cut. The cut's two
 * passes cancel, so non-zero and even-odd fills (Java2D, pycocotools) give the region with its
 * holes empty, wherever the cut runs.
 */
public final class Keyhole {

    private Keyhole() {}

    /** One ring {@code x0, y0, ...} covering {@code outer} minus {@code holes}. */
    public static int[] join(int[] outer, List<int[]> holes) {
        if (holes.isEmpty()) {
            return outer.clone();
        }
        int n = outer.length / 2;
        List<List<int[]>> attached = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            attached.add(null);
        }
        for (int[] hole : holes) {
            int bestOuter = 0;
            int bestHole = 0;
            long best = Long.MAX_VALUE;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < hole.length / 2; j++) {
                    long dx = outer[2 * i] - hole[2 * j];
                    long dy = outer[2 * i + 1] - hole[2 * j + 1];
                    if (dx * dx + dy * dy < best) {
                        best = dx * dx + dy * dy;
                        bestOuter = i;
                        bestHole = j;
                    }
                }
            }
            if (attached.get(bestOuter) == null) {
                attached.set(bestOuter, new ArrayList<>());
            }
            attached.get(bestOuter).add(rotate(hole, bestHole));
        }
        List<Integer> xy = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int ox = outer[2 * i];
            int oy = outer[2 * i + 1];
            xy.add(ox);
            xy.add(oy);
            if (attached.get(i) == null) {
                continue;
            }
            for (int[] hole : attached.get(i)) {
                for (int v : hole) {
                    xy.add(v);
                }
                xy.add(hole[0]); // close the hole, then back along the cut
                xy.add(hole[1]);
                xy.add(ox);
                xy.add(oy);
            }
        }
        return xy.stream().mapToInt(Integer::intValue).toArray();
    }

    // the ring starting at vertex j
    private static int[] rotate(int[] ring, int j) {
        int[] out = new int[ring.length];
        System.arraycopy(ring, 2 * j, out, 0, ring.length - 2 * j);
        System.arraycopy(ring, 0, out, ring.length - 2 * j, 2 * j);
        return out;
    }
}
