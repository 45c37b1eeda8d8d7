package org.seg4j.data.instance;

import org.seg4j.util.ComponentLabels;

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
        return ComponentLabels.label(mask, width, height, ComponentLabels.Connectivity.FOUR);
    }
}
