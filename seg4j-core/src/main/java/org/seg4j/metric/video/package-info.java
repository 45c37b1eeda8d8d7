/**
 * Temporal consistency of video segmentation: {@link org.seg4j.metric.video.FlickerCounter} counts
 * class changes between consecutive frames, with and without ground truth;
 * {@link org.seg4j.metric.video.TemporalConsistency} is the TC of Liu et al. 2020, the IoU between
 * a prediction and the next one warped back by optical flow ({@link org.seg4j.metric.video.FlowWarp},
 * {@link org.seg4j.metric.video.FlowField}). The flow comes from a
 * {@link org.seg4j.metric.video.FlowEstimator}, implemented outside the core ({@code seg4j-opencv}).
 * Per-frame accuracy comes from {@link org.seg4j.metric.ConfusionMatrix} as for still images.
 */
package org.seg4j.metric.video;
