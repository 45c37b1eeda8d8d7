package org.seg4j.infer.video;

import org.seg4j.data.LabelMask;
import org.seg4j.infer.Probabilities;

/**
 * The segmentation of one video frame.
 *
 * @param index the frame's position since the segmenter was created or last reset (0 = first)
 * @param mask the class map at the frame's resolution
 * @param probabilities the (smoothed) class probabilities, or {@code null} unless the segmenter was
 *     built with {@code optProbabilities(true)}
 */
public record FrameResult(long index, LabelMask mask, Probabilities probabilities) {}
