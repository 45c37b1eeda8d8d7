package org.seg4j.data.polygon;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.seg4j.data.LabelMask;

/**
 * A mask as simplified polygons: every region of every class ({@link RegionTracer}), its outline
 * and holes simplified within the tolerance ({@link RingSimplifier}), ordered by bounding-box area,
 * largest first. A region lying in another's hole has a strictly smaller bounding box, so drawing
 * the outlines in this order (later on top, as LabelMe does) puts every region back, holes included.
 */
public final class MaskPolygons {

    private MaskPolygons() {}

    /**
     * The simplified regions of {@code mask}; void pixels belong to none.
     *
     * @param tolerance Douglas-Peucker tolerance in pixels; 0 keeps the exact pixel outlines
     */
    public static List<Region> of(LabelMask mask, double tolerance) {
        List<Region> out = new ArrayList<>();
        for (Region r : RegionTracer.trace(mask)) {
            List<int[]> holes = new ArrayList<>();
            for (int[] hole : r.holes()) {
                holes.add(RingSimplifier.simplify(hole, tolerance));
            }
            out.add(r.withRings(RingSimplifier.simplify(r.outer(), tolerance), holes));
        }
        out.sort(Comparator.comparingLong(Region::boundsArea).reversed());
        return out;
    }
}
