package org.seg4j.infer.instance;

import org.seg4j.metric.instance.Detection;

/**
 * One instance found by a detector such as Mask R-CNN. Instances of one image may overlap.
 *
 * @param classId the class id (of the model's {@code classes.yaml})
 * @param score confidence in 0..1
 * @param box {@code x1, y1, x2, y2} in pixels (floating point, right/bottom exclusive)
 * @param mask the instance's pixels, row-major, the image's size
 * @param area number of mask pixels
 */
public record DetectedInstance(int classId, double score, float[] box, boolean[] mask, int area) {

    public DetectedInstance {
        if (box.length != 4) {
            throw new IllegalArgumentException("a box has 4 coordinates, got " + box.length);
        }
        box = box.clone();
    }

    @Override
    public float[] box() {
        return box.clone();
    }

    /** The instance for {@link org.seg4j.metric.instance.MaskAp}. */
    public Detection toDetection() {
        return new Detection(classId, score, mask);
    }
}
