/**
 * Encoders (feature extractors) for {@link org.seg4j.model.SegmentationModel}, by name through
 * {@link org.seg4j.model.encoder.Encoders}: {@code unet} and {@code vgg16}. New backbones extend
 * {@link org.seg4j.model.encoder.StageEncoder} and register one line.
 */
package org.seg4j.model.encoder;
