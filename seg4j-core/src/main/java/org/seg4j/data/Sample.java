package org.seg4j.data;

import org.seg4j.data.instance.PanopticAnnotation;

/**
 * An image with its ground-truth mask, as it flows through transforms into a batch.
 *
 * @param id identifier for messages and output names, usually the file stem
 * @param image the image
 * @param mask the mask, same size as the image; {@code null} when there is no ground truth
 * @param instances the instance (panoptic) annotation, same size as the image; {@code null} for
 *     semantic samples. The geometric transforms keep it aligned with the mask.
 */
public record Sample(String id, RgbImage image, LabelMask mask, PanopticAnnotation instances) {

    public Sample {
        if (mask != null && (mask.width() != image.width() || mask.height() != image.height())) {
            throw new IllegalArgumentException(id + ": image is " + image.width() + "x" + image.height()
                    + " but mask is " + mask.width() + "x" + mask.height());
        }
        if (instances != null && (instances.width() != image.width() || instances.height() != image.height())) {
            throw new IllegalArgumentException(id + ": image is " + image.width() + "x" + image.height()
                    + " but its instance annotation is " + instances.width() + "x" + instances.height());
        }
    }

    /** A sample without instance annotation. */
    public Sample(String id, RgbImage image, LabelMask mask) {
        this(id, image, mask, null);
    }

    /**
     * The same sample with another image and mask of the same geometry (a photometric transform);
     * the instance annotation is kept. Geometric transforms use {@link #with(RgbImage, LabelMask,
     * PanopticAnnotation)}.
     */
    public Sample with(RgbImage newImage, LabelMask newMask) {
        return new Sample(id, newImage, newMask, instances);
    }

    /** The same sample with another image, mask and instance annotation. */
    public Sample with(RgbImage newImage, LabelMask newMask, PanopticAnnotation newInstances) {
        return new Sample(id, newImage, newMask, newInstances);
    }
}
