package org.seg4j.data.video;

import org.seg4j.data.RgbImage;

/** Frames of one video in order: a video file ({@link VideoReader}) or a folder of frames. */
public interface FrameSource extends AutoCloseable {

    /** The next frame, or {@code null} after the last one. */
    RgbImage next();

    /** Number of frames, or -1 when not known in advance. */
    long frameCount();

    /** Frames per second, or 0 when not known (a folder of frames). */
    double fps();

    @Override
    void close();
}
