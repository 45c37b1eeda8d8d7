package org.seg4j.model.instance.maskrcnn;

/**
 * The detections of one image before the masks are pasted: boxes in the padded input's pixels,
 * scores, labels (1..classes) and each detection's 28x28 mask probabilities of its own class.
 *
 * @param boxes {@code 4·D} corner coordinates
 * @param scores {@code D} class scores, best first
 * @param labels {@code D} labels, 1..classes
 * @param masks {@code D·28·28} probabilities, row-major per detection
 */
public record RawDetections(float[] boxes, float[] scores, int[] labels, float[] masks) {

    /** Side of each mask. */
    public static final int MASK_SIZE = RoiHeads.MASK_SIZE;

    /** No detection. */
    public static RawDetections empty() {
        return new RawDetections(new float[0], new float[0], new int[0], new float[0]);
    }

    /** Number of detections. */
    public int size() {
        return scores.length;
    }
}
