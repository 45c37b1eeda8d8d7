package org.seg4j.train;

import org.seg4j.transform.ColorJitter;
import org.seg4j.transform.GaussianBlur;
import org.seg4j.transform.GaussianNoise;
import org.seg4j.transform.HorizontalFlip;
import org.seg4j.transform.RandomCrop;
import org.seg4j.transform.RandomGamma;
import org.seg4j.transform.RandomRotation;
import org.seg4j.transform.RandomScale;
import org.seg4j.transform.TransformPipeline;

/** The joint image/mask pipelines a {@link TrainConfig} describes. */
public final class Augmentations {

    private Augmentations() {}

    /**
     * Training pipeline: random scale (around {@code input_scale}), optional rotation, a crop of
     * exactly {@code crop_height x crop_width}, optional horizontal flip, colour jitter, a gamma curve,
     * Gaussian blur and Gaussian noise (photometric changes last, on the crop, where they cost least).
     */
    public static TransformPipeline training(TrainConfig c) {
        return pipeline(c, true);
    }

    /**
     * Pipeline of a detector's instance samples (Mask R-CNN, which takes whole images of any size):
     * {@link #training} without the crop. Random scale, rotation and horizontal flip move image,
     * mask and instance ids together (nearest neighbour for the ids; instances left without pixels
     * are dropped), so the boxes computed from the transformed masks fit them.
     */
    public static TransformPipeline instances(TrainConfig c) {
        return pipeline(c, false);
    }

    private static TransformPipeline pipeline(TrainConfig c, boolean crop) {
        double s = c.inputScale();
        double j = c.colorJitter();
        return TransformPipeline.builder()
                .add(new RandomScale(s * c.scaleMin(), s * c.scaleMax()))
                .addIf(c.rotation() > 0, new RandomRotation(c.rotation()))
                .addIf(crop, new RandomCrop(c.cropHeight(), c.cropWidth()))
                .addIf(c.hflip(), new HorizontalFlip(0.5))
                .addIf(j > 0, new ColorJitter(j, j, j, 0))
                .addIf(c.gamma() > 0, new RandomGamma(c.gamma()))
                .addIf(c.blur() > 0, GaussianBlur.withProbability(c.blur()))
                .addIf(c.noise() > 0, new GaussianNoise(c.noise()))
                .build();
    }

    /** Validation pipeline: only the fixed {@code input_scale} resize (identity at scale 1). */
    public static TransformPipeline validation(TrainConfig c) {
        return c.inputScale() == 1.0
                ? TransformPipeline.identity()
                : TransformPipeline.of(new RandomScale(c.inputScale(), c.inputScale()));
    }
}
