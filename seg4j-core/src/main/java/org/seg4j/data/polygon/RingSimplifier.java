package org.seg4j.data.polygon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Douglas-Peucker simplification of closed rings: the ring is cut at its first vertex and the vertex
 * farthest from it, and each half keeps only the vertices that lie more than the tolerance from the
 * chord of their span. Every removed vertex is thus within the tolerance of the simplified ring. A
 * ring that would fall below three vertices (a region smaller than the tolerance) is kept whole, so
 * no region disappears.
 */
public final class RingSimplifier {

    private RingSimplifier() {}

    /**
     * Simplifies one ring.
     *
     * @param ring vertices {@code x0, y0, x1, y1, ...}
     * @param tolerance the largest distance in pixels of a removed vertex from the result; 0 keeps every vertex
     */
    public static int[] simplify(int[] ring, double tolerance) {
        if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
            throw new IllegalArgumentException("polygon tolerance must be a finite number >= 0, got " + tolerance);
        }
        int n = ring.length / 2;
        if (tolerance == 0 || n <= 3) {
            return ring.clone();
        }
        int far = 0;
        double best = -1;
        for (int i = 1; i < n; i++) {
            double dx = ring[2 * i] - ring[0];
            double dy = ring[2 * i + 1] - ring[1];
            double d = dx * dx + dy * dy;
            if (d > best) {
                best = d;
                far = i;
            }
        }
        boolean[] keep = new boolean[n + 1];
        keep[0] = true;
        keep[far] = true;
        keep[n] = true;
        mark(ring, 0, far, n, tolerance, keep);
        mark(ring, far, n, n, tolerance, keep);
        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (keep[i]) {
                kept.add(i);
            }
        }
        if (kept.size() < 3) {
            return ring.clone();
        }
        int[] out = new int[kept.size() * 2];
        for (int k = 0; k < kept.size(); k++) {
            out[2 * k] = ring[2 * kept.get(k)];
            out[2 * k + 1] = ring[2 * kept.get(k) + 1];
        }
        return out;
    }

    // keeps the farthest vertex strictly between a and b (indices mod n) when beyond tolerance, recursively
    private static void mark(int[] ring, int a, int b, int n, double tolerance, boolean[] keep) {
        Deque stack = new Deque();
        stack.push(a, b);
        while (!stack.isEmpty()) {
            int[] span = stack.pop();
            int s = span[0];
            int t = span[1];
            if (t - s < 2) {
                continue;
            }
            double ax = ring[2 * (s % n)];
            double ay = ring[2 * (s % n) + 1];
            double bx = ring[2 * (t % n)];
            double by = ring[2 * (t % n) + 1];
            int far = -1;
            double best = tolerance;
            for (int i = s + 1; i < t; i++) {
                double d = distance(ring[2 * i], ring[2 * i + 1], ax, ay, bx, by);
                if (d > best) {
                    best = d;
                    far = i;
                }
            }
            if (far >= 0) {
                keep[far] = true;
                stack.push(s, far);
                stack.push(far, t);
            }
        }
    }

    // distance from (px, py) to the segment (ax, ay)-(bx, by)
    private static double distance(double px, double py, double ax, double ay, double bx, double by) {
        double dx = bx - ax;
        double dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
        return Math.hypot(px - ax - t * dx, py - ay - t * dy);
    }

    /** A stack of index pairs (recursion would overflow on long outlines). */
    private static final class Deque {
        private int[] a = new int[32];
        private int n;

        void push(int s, int t) {
            if (n + 2 > a.length) {
                a = Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = s;
            a[n++] = t;
        }

        int[] pop() {
            n -= 2;
            return new int[] {a[n], a[n + 1]};
        }

        boolean isEmpty() {
            return n == 0;
        }
    }
}
