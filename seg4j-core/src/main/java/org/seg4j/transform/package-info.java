/**
 * Joint image/mask transforms for augmentation and preprocessing. Geometric transforms resample
 * images bilinearly and masks by nearest neighbour at the same source point, so image and mask stay
 * aligned; pixels that come from outside the source get a grey fill in the image and
 * {@link org.seg4j.data.LabelMask#IGNORE} in the mask. Every transform also accepts samples without
 * a mask (prediction). Randomness comes only from the generator passed to
 * {@link org.seg4j.transform.JointTransform#apply}, so a pipeline is reproducible for a seed.
 * {@link org.seg4j.transform.ClassPaste} works on two samples (a target and a donor from its batch)
 * and is applied by the training loader after the pipeline.
 */
package org.seg4j.transform;
