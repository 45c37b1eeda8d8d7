package org.seg4j.data.instance;

/**
 * One segment of a {@link PanopticAnnotation}: a thing instance, the region of one stuff class, or
 * a crowd region (a group of thing instances not told apart, which metrics ignore).
 *
 * @param id the segment id stored in the annotation's pixels, 1 .. 2^24-1 (0 is void)
 * @param classId the class id in the data set's {@link org.seg4j.data.ClassMeta}
 * @param crowd whether this is a crowd region ({@code iscrowd} in COCO)
 */
public record Segment(int id, int classId, boolean crowd) {

    /** The largest segment id: COCO panoptic PNGs store ids in 24 bits. */
    public static final int MAX_ID = (1 << 24) - 1;

    public Segment {
        if (id < 1 || id > MAX_ID) {
            throw new IllegalArgumentException("segment id must be 1.." + MAX_ID + " (0 is void), got " + id);
        }
        if (classId < 0) {
            throw new IllegalArgumentException("segment " + id + ": class id must be >= 0, got " + classId);
        }
    }
}
