package org.seg4j.data.polygon;

import java.util.List;

/**
 * One 4-connected region of a class. Rings are closed polygons of pixel-corner coordinates
 * {@code x0, y0, x1, y1, ...} (pixel {@code (x, y)} spans {@code [x, x+1) x [y, y+1)}, as in COCO
 * and LabelMe), the last vertex joined back to the first. The outer ring runs clockwise on screen
 * (y down) and the holes anticlockwise, so a non-zero or even-odd fill of all rings together
 * covers exactly the region's pixels.
 *
 * @param classId the class of every pixel of the region
 * @param outer the outline
 * @param holes the outlines of the holes, possibly none
 * @param pixels the region's pixel count
 * @param bounds {@code x, y, width, height} of the region's pixels
 */
public record Region(int classId, int[] outer, List<int[]> holes, long pixels, int[] bounds) {

    public Region {
        holes = List.copyOf(holes);
    }

    /** The same region with other rings (e.g. simplified). */
    public Region withRings(int[] newOuter, List<int[]> newHoles) {
        return new Region(classId, newOuter, newHoles, pixels, bounds);
    }

    /** Area of the bounding box, used to draw enclosing regions before the regions in their holes. */
    public long boundsArea() {
        return (long) bounds[2] * bounds[3];
    }
}
