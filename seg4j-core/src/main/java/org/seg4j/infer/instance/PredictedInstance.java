package org.seg4j.infer.instance;

/**
 * One predicted thing instance of an {@link InstanceSegmentation}; its pixels are
 * {@link InstanceSegmentation#mask(PredictedInstance)}.
 *
 * @param segmentId the instance's segment id in the panoptic annotation
 * @param classId its class
 * @param score confidence in 0..1 (1 where the method has none)
 * @param area pixel count
 * @param box COCO box {@code [x, y, width, height]}
 */
public record PredictedInstance(int segmentId, int classId, double score, int area, int[] box) {

    public PredictedInstance {
        box = box.clone();
    }

    @Override
    public int[] box() {
        return box.clone();
    }
}
