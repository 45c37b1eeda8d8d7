/**
 * Video segmentation: {@link org.seg4j.infer.video.VideoSegmenter} segments frames in order and keeps a
 * {@link org.seg4j.infer.video.TemporalState} between calls (none, an exponential moving average of
 * the per-frame probabilities, plain or motion-compensated, or the hidden state of a temporal
 * network, plain or warped along the optical flow before each update: {@link
 * org.seg4j.infer.video.RecurrentState});
 * {@link org.seg4j.infer.video.VideoPrediction} turns a clip into an overlay video and
 * {@link org.seg4j.infer.video.ClipEvaluation} scores clips for accuracy and temporal consistency.
 */
package org.seg4j.infer.video;
