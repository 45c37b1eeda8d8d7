/**
 * Segmentation metrics: a {@link org.seg4j.metric.ConfusionMatrix} accumulated over predictions
 * and the {@link org.seg4j.metric.SegmentationMetrics} derived from it (pixel accuracy, IoU, F1 and
 * their means). Reports and plots of these numbers live in {@code org.seg4j.metric.report}.
 */
package org.seg4j.metric;
