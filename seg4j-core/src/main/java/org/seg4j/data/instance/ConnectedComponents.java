package org.seg4j.data.instance;

/**
 * Labels the connected regions of a binary mask with 4-connectivity (a pixel touches the pixels
 * left, right, above and below it, not the diagonal ones), as the ISBI 2012 evaluation labels
 * cells separated by one-pixel membranes: with 8-connectivity, cells touching at a corner of a
 * thin diagonal membrane would merge.
 */
public final class ConnectedComponents {

    private ConnectedComponents() {}

    /**
     * Labels the {@code true} pixels.
     *
     * @param mask row-major pixels
     * @return a label per pixel: 0 for {@code false} pixels, 1, 2, ... per region in the order of
     *     each region's first pixel (row-major)
     */
    public static int[] label(boolean[] mask, int width, int height) {
        if (mask.length != width * height) {
            throw new IllegalArgumentException("mask has " + mask.length + " pixels, not " + width + "x" + height);
        }
        int[] labels = new int[mask.length];
        int[] stack = new int[mask.length];
        int next = 0;
        for (int start = 0; start < mask.length; start++) {
            if (!mask[start] || labels[start] != 0) {
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
                if (x > 0 && mask[p - 1] && labels[p - 1] == 0) {
                    labels[p - 1] = label;
                    stack[top++] = p - 1;
                }
                if (x < width - 1 && mask[p + 1] && labels[p + 1] == 0) {
                    labels[p + 1] = label;
                    stack[top++] = p + 1;
                }
                if (y > 0 && mask[p - width] && labels[p - width] == 0) {
                    labels[p - width] = label;
                    stack[top++] = p - width;
                }
                if (y < height - 1 && mask[p + width] && labels[p + width] == 0) {
                    labels[p + width] = label;
                    stack[top++] = p + width;
                }
            }
        }
        return labels;
    }
}
