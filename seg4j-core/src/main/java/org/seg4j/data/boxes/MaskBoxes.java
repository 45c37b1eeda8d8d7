package org.seg4j.data.boxes;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.LabelMask;

/**
 * Boxes from a mask: one box around each 8-connected component of each class, the way a box
 * annotator would draw one box per object. Void pixels get no box. Components smaller than
 * {@code minArea} pixels are dropped (annotators do not box specks).
 */
public final class MaskBoxes {

    private MaskBoxes() {}

    /**
     * The boxes of {@code mask}, in scan order of the components' first pixel.
     *
     * @param numClasses labels {@code >= numClasses} (void) are skipped
     * @param minArea smallest component kept, in pixels (at least 1)
     */
    public static List<Box> of(LabelMask mask, int numClasses, int minArea) {
        int w = mask.width();
        int h = mask.height();
        byte[] labels = mask.data();
        boolean[] seen = new boolean[w * h];
        int[] stack = new int[w * h];
        List<Box> boxes = new ArrayList<>();
        for (int start = 0; start < labels.length; start++) {
            int c = labels[start] & 0xFF;
            if (seen[start] || c >= numClasses) {
                continue;
            }
            int x0 = w;
            int y0 = h;
            int x1 = -1;
            int y1 = -1;
            int area = 0;
            int top = 0;
            stack[top++] = start;
            seen[start] = true;
            while (top > 0) {
                int p = stack[--top];
                int x = p % w;
                int y = p / w;
                area++;
                x0 = Math.min(x0, x);
                x1 = Math.max(x1, x);
                y0 = Math.min(y0, y);
                y1 = Math.max(y1, y);
                for (int dy = -1; dy <= 1; dy++) {
                    int ny = y + dy;
                    if (ny < 0 || ny >= h) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int nx = x + dx;
                        int q = ny * w + nx;
                        if (nx >= 0 && nx < w && !seen[q] && (labels[q] & 0xFF) == c) {
                            seen[q] = true;
                            stack[top++] = q;
                        }
                    }
                }
            }
            if (area >= Math.max(1, minArea)) {
                boxes.add(new Box(c, x0, y0, x1 + 1, y1 + 1));
            }
        }
        return boxes;
    }
}
