/**
 * Segmentation networks. A model is an {@link org.seg4j.model.Encoder}, a {@link
 * org.seg4j.model.Decoder} and a {@link org.seg4j.model.SegmentationHead}, composed by {@link
 * org.seg4j.model.SegmentationModel}; {@link org.seg4j.model.ModelRegistry} builds one from a
 * {@link org.seg4j.model.ModelSpec} by architecture name, and {@link org.seg4j.model.ModelDirectory}
 * saves and loads it with its {@link org.seg4j.model.ModelManifest}.
 */
package org.seg4j.model;
