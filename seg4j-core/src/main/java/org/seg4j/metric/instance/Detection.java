package org.seg4j.metric.instance;

/**
 * One predicted instance: a class, a confidence and its pixels. Detections of one image may
 * overlap.
 *
 * @param classId the class id
 * @param score the confidence; higher ranks first (ties keep the order given)
 * @param mask the instance's pixels, row-major, the image's size
 */
public record Detection(int classId, double score, boolean[] mask) {

    public Detection {
        if (classId < 0) {
            throw new IllegalArgumentException("detection class id must be >= 0, got " + classId);
        }
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("detection score is NaN");
        }
    }
}
