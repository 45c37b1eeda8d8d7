/**
 * Segmentation data: images and label masks in memory ({@link org.seg4j.data.RgbImage},
 * {@link org.seg4j.data.LabelMask}), reading and writing them ({@link org.seg4j.data.ImageFiles},
 * {@link org.seg4j.data.MaskReader}, {@link org.seg4j.data.PngFiles}), data sets on disk
 * ({@link org.seg4j.data.SegmentationDataset}, with layouts in {@link org.seg4j.data.layout}) and
 * class statistics ({@link org.seg4j.data.ClassStatistics}).
 */
package org.seg4j.data;
