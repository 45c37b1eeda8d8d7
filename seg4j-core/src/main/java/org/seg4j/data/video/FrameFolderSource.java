package org.seg4j.data.video;

import org.seg4j.Seg4jException;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.RgbImage;

/** The frames of a {@link FrameSequence} read from their image files, in order. */
public final class FrameFolderSource implements FrameSource {

    private final FrameSequence sequence;
    private final double fps;
    private int next;
    private int width;
    private int height;

    /**
     * @param sequence the frames
     * @param fps the frame rate to report (0 when unknown)
     */
    public FrameFolderSource(FrameSequence sequence, double fps) {
        this.sequence = sequence;
        this.fps = fps;
    }

    @Override
    public RgbImage next() {
        if (next >= sequence.size()) {
            return null;
        }
        ClipFrame frame = sequence.frames().get(next++);
        RgbImage image = ImageFiles.read(frame.image());
        if (width == 0) {
            width = image.width();
            height = image.height();
        } else if (image.width() != width || image.height() != height) {
            throw new Seg4jException(frame.image() + ": frame is " + image.width() + "x" + image.height()
                    + " but the sequence's first frame is " + width + "x" + height + "; all frames of a clip must"
                    + " have one size");
        }
        return image;
    }

    @Override
    public long frameCount() {
        return sequence.size();
    }

    @Override
    public double fps() {
        return fps;
    }

    @Override
    public void close() {}
}
