/**
 * Temporal consistency of video segmentation: {@link org.seg4j.metric.video.FlickerCounter} counts
 * class changes between consecutive frames, with and without ground truth. Per-frame accuracy comes
 * from {@link org.seg4j.metric.ConfusionMatrix} as for still images.
 */
package org.seg4j.metric.video;
