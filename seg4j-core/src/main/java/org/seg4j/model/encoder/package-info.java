/**
 * Encoders (feature extractors) for {@link org.seg4j.model.SegmentationModel}, by name through
 * {@link org.seg4j.model.encoder.Encoders}: {@code unet}, {@code vgg16}, {@code resnet18},
 * {@code resnet34}, {@code resnet50} and {@code mobilenetv2} (the last four with the {@code
 * output_stride} option: 32, 16 or 8). New backbones extend
 * {@link org.seg4j.model.encoder.StageEncoder} and register one line.
 */
package org.seg4j.model.encoder;
