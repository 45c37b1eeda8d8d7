package org.seg4j.infer.video;

import org.seg4j.data.RgbImage;
import org.seg4j.infer.Probabilities;

/**
 * What a video segmenter remembers between frames, together with the step that turns the next
 * frame into class probabilities. {@link PerFrameState} remembers nothing, {@link EmaState} keeps a
 * moving average of the probabilities; a recurrent network (ConvLSTM/ConvGRU) implements this
 * interface with its hidden state. Not thread-safe: one state belongs to one video.
 */
public interface TemporalState extends AutoCloseable {

    /** Class probabilities of the next frame of the video, at the frame's resolution. */
    Probabilities next(RgbImage frame);

    /** Forgets the past frames: the next frame is treated as the first of a new video. */
    void reset();

    /** Frees what the state holds (native memory for a recurrent model); nothing by default. */
    @Override
    default void close() {}
}
