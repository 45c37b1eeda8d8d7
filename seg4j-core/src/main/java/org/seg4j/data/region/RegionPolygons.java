package org.seg4j.data.region;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.seg4j.data.LabelMask;
import org.seg4j.data.polygon.MaskPolygons;
import org.seg4j.data.polygon.Region;

/**
 * Superpixels and proposals as simplified polygons for the LabelMe and COCO writers: the region's
 * pixels inside its bounding box are traced by {@link MaskPolygons} (outline and holes, one polygon
 * per 4-connected part) and moved back to image coordinates.
 */
public final class RegionPolygons {

    private RegionPolygons() {}

    /**
     * @param inside whether the pixel with row-major index {@code y * width + x} belongs to the region
     * @param box {@code {x0, y0, x1, y1}}, ends exclusive, holding every pixel of the region
     * @param classId the class the polygons are written with
     * @param tolerance Douglas-Peucker tolerance in pixels (0: exact pixel outlines)
     */
    public static List<Region> of(IntPredicate inside, int width, int[] box, int classId, double tolerance) {
        int bw = box[2] - box[0];
        int bh = box[3] - box[1];
        LabelMask crop = LabelMask.filled(bw, bh, LabelMask.IGNORE);
        for (int y = 0; y < bh; y++) {
            for (int x = 0; x < bw; x++) {
                if (inside.test((y + box[1]) * width + x + box[0])) {
                    crop.set(x, y, 0);
                }
            }
        }
        List<Region> out = new ArrayList<>();
        for (Region r : MaskPolygons.of(crop, tolerance)) {
            List<int[]> holes = new ArrayList<>();
            for (int[] h : r.holes()) {
                holes.add(shift(h, box[0], box[1]));
            }
            int[] b = r.bounds();
            out.add(new Region(classId, shift(r.outer(), box[0], box[1]), holes, r.pixels(),
                    new int[] {b[0] + box[0], b[1] + box[1], b[2], b[3]}));
        }
        return out;
    }

    /** Every segment of {@code s} as polygons of class {@code classId}. */
    public static List<Region> segments(Segments s, int classId, double tolerance) {
        int[][] boxes = boxes(s);
        int[] labels = s.labels();
        List<Region> out = new ArrayList<>();
        for (int l = 0; l < s.count(); l++) {
            int label = l;
            out.addAll(of(p -> labels[p] == label, s.width(), boxes[l], classId, tolerance));
        }
        return out;
    }

    /** Proposal {@code i} of {@code proposals} as polygons of class {@code classId}. */
    public static List<Region> proposal(Proposals proposals, int i, int classId, double tolerance) {
        boolean[] mask = proposals.mask(i);
        return of(p -> mask[p], proposals.width(), proposals.get(i).box(), classId, tolerance);
    }

    /** Bounding box {@code {x0, y0, x1, y1}} of every segment. */
    static int[][] boxes(Segments s) {
        int[][] boxes = new int[s.count()][];
        int w = s.width();
        int[] labels = s.labels();
        for (int p = 0; p < labels.length; p++) {
            int x = p % w;
            int y = p / w;
            int[] b = boxes[labels[p]];
            if (b == null) {
                boxes[labels[p]] = new int[] {x, y, x + 1, y + 1};
            } else {
                b[0] = Math.min(b[0], x);
                b[1] = Math.min(b[1], y);
                b[2] = Math.max(b[2], x + 1);
                b[3] = Math.max(b[3], y + 1);
            }
        }
        return boxes;
    }

    private static int[] shift(int[] ring, int dx, int dy) {
        int[] out = ring.clone();
        for (int i = 0; i < out.length; i += 2) {
            out[i] += dx;
            out[i + 1] += dy;
        }
        return out;
    }
}
