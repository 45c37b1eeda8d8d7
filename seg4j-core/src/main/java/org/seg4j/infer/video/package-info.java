/**
 * Video segmentation: {@link org.seg4j.infer.video.VideoSegmenter} segments frames in order and keeps a
 * {@link org.seg4j.infer.video.TemporalState} between calls (none, or an exponential moving average of
 * the per-frame probabilities; a recurrent model implements the same interface);
 * {@link org.seg4j.infer.video.VideoPrediction} turns a clip into an overlay video and
 * {@link org.seg4j.infer.video.ClipEvaluation} scores clips for accuracy and temporal consistency.
 */
package org.seg4j.infer.video;
