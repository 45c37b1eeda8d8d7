package org.seg4j.data.boxes;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.LabelMask;
import org.seg4j.util.ComponentLabels;

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
        byte[] data = mask.data();
        int[] keys = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            int c = data[i] & 0xFF;
            keys[i] = c < numClasses ? c : -1;
        }
        int[] labels = ComponentLabels.label(keys, w, h, ComponentLabels.Connectivity.EIGHT);
        List<Box> boxes = new ArrayList<>();
        for (ComponentLabels.Component c : ComponentLabels.components(labels, keys, w)) {
            if (c.pixels() >= Math.max(1, minArea)) {
                boxes.add(new Box(c.key(), c.minX(), c.minY(), c.maxX() + 1, c.maxY() + 1));
            }
        }
        return boxes;
    }
}
