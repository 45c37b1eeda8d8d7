package org.seg4j.data;

import java.util.List;
import org.seg4j.data.instance.CenterTargetBatch;

/**
 * A training or evaluation batch in the layout the network reads: images as normalised NCHW floats
 * and labels as NHW unsigned bytes ({@link LabelMask#IGNORE} for void).
 *
 * @param images {@code size * 3 * height * width} floats
 * @param labels {@code size * height * width} labels
 * @param size number of samples
 * @param height height of every sample
 * @param width width of every sample
 * @param ids sample ids, for messages
 * @param centerTargets Panoptic-DeepLab targets when the samples carry instance annotations,
 *     otherwise {@code null}
 * @param flows video training with a motion-compensated memory: per frame, the optical flow from it
 *     to the frame before in its clip (zero for a clip's first frame), {@code size * 2 * height *
 *     width} floats, dx plane then dy plane, in pixels; otherwise {@code null}
 */
public record Batch(float[] images, byte[] labels, int size, int height, int width, List<String> ids,
        CenterTargetBatch centerTargets, float[] flows) {

    public Batch {
        if (images.length != size * 3 * height * width) {
            throw new IllegalArgumentException("batch images have " + images.length + " floats, expected "
                    + size * 3 * height * width);
        }
        if (labels != null && labels.length != size * height * width) {
            throw new IllegalArgumentException("batch labels have " + labels.length + " values, expected "
                    + size * height * width);
        }
        if (centerTargets != null && centerTargets.center().length != size * height * width) {
            throw new IllegalArgumentException("batch centre targets have " + centerTargets.center().length
                    + " values, expected " + size * height * width);
        }
        if (flows != null && flows.length != size * 2 * height * width) {
            throw new IllegalArgumentException("batch flows have " + flows.length + " values, expected "
                    + size * 2 * height * width);
        }
        ids = List.copyOf(ids);
    }

    /** A batch without flows. */
    public Batch(float[] images, byte[] labels, int size, int height, int width, List<String> ids,
            CenterTargetBatch centerTargets) {
        this(images, labels, size, height, width, ids, centerTargets, null);
    }

    /** A batch without instance targets. */
    public Batch(float[] images, byte[] labels, int size, int height, int width, List<String> ids) {
        this(images, labels, size, height, width, ids, null, null);
    }
}
