package org.seg4j.data;

/**
 * An image with its ground-truth mask, as it flows through transforms into a batch.
 *
 * @param id identifier for messages and output names, usually the file stem
 * @param image the image
 * @param mask the mask, same size as the image; {@code null} when there is no ground truth
 */
public record Sample(String id, RgbImage image, LabelMask mask) {

    public Sample {
        if (mask != null && (mask.width() != image.width() || mask.height() != image.height())) {
            throw new IllegalArgumentException(id + ": image is " + image.width() + "x" + image.height()
                    + " but mask is " + mask.width() + "x" + mask.height());
        }
    }

    /** The same sample with another image and mask (transform output). */
    public Sample with(RgbImage newImage, LabelMask newMask) {
        return new Sample(id, newImage, newMask);
    }
}
