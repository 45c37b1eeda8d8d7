package org.seg4j.util;

import java.util.ArrayList;
import java.util.List;

/**
 * Connected-component labelling of row-major grids by flood fill. Two pixels belong to one
 * component when a chain of neighbours ({@link Connectivity}) with the same non-negative key joins
 * them; a binary mask is the case of one key. Components are numbered 1, 2, ... in the order of
 * their first pixel, row by row, or in the order of given seed pixels; 0 is left on pixels of no
 * component.
 */
public final class ComponentLabels {

    /** Which pixels touch. */
    public enum Connectivity {
        /** Left, right, above and below: pixels meeting only at a corner stay apart. */
        FOUR(new int[] {-1, 1, 0, 0}, new int[] {0, 0, -1, 1}),
        /** The four sides and the four corners. */
        EIGHT(new int[] {-1, 0, 1, -1, 1, -1, 0, 1}, new int[] {-1, -1, -1, 0, 0, 1, 1, 1});

        private final int[] dx;
        private final int[] dy;

        Connectivity(int[] dx, int[] dy) {
            this.dx = dx;
            this.dy = dy;
        }
    }

    private ComponentLabels() {}

    /**
     * Labels the {@code true} pixels of a mask, components numbered by their first pixel (row-major).
     *
     * @return a label per pixel: 0 for {@code false} pixels, 1..n per component
     */
    public static int[] label(boolean[] mask, int width, int height, Connectivity connectivity) {
        return label(keys(mask), width, height, connectivity, null);
    }

    /**
     * Labels the components of the {@code true} pixels that hold a seed, numbered in seed order;
     * components without a seed stay 0. A seed on a {@code false} pixel, or in a component that an
     * earlier seed already labelled, starts nothing.
     *
     * @param seeds row-major pixel indices
     */
    public static int[] label(boolean[] mask, int width, int height, Connectivity connectivity, int[] seeds) {
        if (seeds == null) {
            throw new IllegalArgumentException("seeds are required");
        }
        return label(keys(mask), width, height, connectivity, seeds);
    }

    /**
     * Labels the regions of equal key: neighbours with the same key {@code >= 0} join; pixels with a
     * negative key belong to no component. Components are numbered by their first pixel (row-major),
     * so {@code keys[first pixel of component k]} is component k's key.
     *
     * @return a label per pixel: 0 for negative keys, 1..n per component
     */
    public static int[] label(int[] keys, int width, int height, Connectivity connectivity) {
        return label(keys, width, height, connectivity, null);
    }

    /**
     * One component's key, pixel count and bounding box (inclusive bounds).
     *
     * @param key the key its pixels share
     * @param pixels how many pixels it has
     */
    public record Component(int key, int pixels, int minX, int minY, int maxX, int maxY) {}

    /**
     * The components of a labelling of {@code keys}, in label order (label {@code k} at index {@code k - 1}).
     *
     * @param labels as {@link #label(int[], int, int, Connectivity)} returns them for {@code keys}
     */
    public static List<Component> components(int[] labels, int[] keys, int width) {
        int count = 0;
        for (int l : labels) {
            count = Math.max(count, l);
        }
        int[][] e = new int[count][];
        for (int i = 0; i < labels.length; i++) {
            int l = labels[i];
            if (l == 0) {
                continue;
            }
            int x = i % width;
            int y = i / width;
            int[] c = e[l - 1];
            if (c == null) {
                e[l - 1] = new int[] {keys[i], 1, x, y, x, y};
                continue;
            }
            c[1]++;
            c[2] = Math.min(c[2], x);
            c[3] = Math.min(c[3], y);
            c[4] = Math.max(c[4], x);
            c[5] = Math.max(c[5], y);
        }
        List<Component> out = new ArrayList<>(count);
        for (int[] c : e) {
            out.add(new Component(c[0], c[1], c[2], c[3], c[4], c[5]));
        }
        return out;
    }

    private static int[] keys(boolean[] mask) {
        int[] keys = new int[mask.length];
        for (int i = 0; i < mask.length; i++) {
            keys[i] = mask[i] ? 0 : -1;
        }
        return keys;
    }

    private static int[] label(int[] keys, int width, int height, Connectivity connectivity, int[] seeds) {
        if (keys.length != width * height) {
            throw new IllegalArgumentException("mask has " + keys.length + " pixels, not " + width + "x" + height);
        }
        int[] labels = new int[keys.length];
        // every pixel is pushed at most once: it is labelled when pushed
        int[] stack = new int[keys.length];
        int[] dx = connectivity.dx;
        int[] dy = connectivity.dy;
        int next = 0;
        int starts = seeds == null ? keys.length : seeds.length;
        for (int s = 0; s < starts; s++) {
            int start = seeds == null ? s : seeds[s];
            if (start < 0 || start >= keys.length) {
                throw new IllegalArgumentException("seed " + start + " is outside the " + width + "x" + height + " grid");
            }
            int key = keys[start];
            if (key < 0 || labels[start] != 0) {
                continue;
            }
            int label = ++next;
            int top = 0;
            stack[top++] = start;
            labels[start] = label;
            while (top > 0) {
                int p = stack[--top];
                int x = p % width;
                int y = p / width;
                for (int d = 0; d < dx.length; d++) {
                    int nx = x + dx[d];
                    int ny = y + dy[d];
                    if (nx < 0 || ny < 0 || nx >= width || ny >= height) {
                        continue;
                    }
                    int q = ny * width + nx;
                    if (keys[q] == key && labels[q] == 0) {
                        labels[q] = label;
                        stack[top++] = q;
                    }
                }
            }
        }
        return labels;
    }
}
