package org.seg4j.metric.video;

import org.seg4j.data.RgbImage;

/**
 * Estimates dense optical flow between two frames of the same size. seg4j-core has no
 * implementation on purpose (it carries no native library); {@code seg4j-opencv} provides OpenCV's
 * Farneback method ({@code org.seg4j.opencv.FarnebackFlow}).
 */
public interface FlowEstimator {

    /**
     * The flow from {@code from} to {@code to}: {@code from(x, y) ~ to(x + dx, y + dy)}.
     *
     * @throws org.seg4j.Seg4jException if the frames differ in size or the estimation fails
     */
    FlowField estimate(RgbImage from, RgbImage to);

    /** A short description with the settings, for reports, e.g. {@code farneback(levels=3, ...)}. */
    String describe();
}
