package org.seg4j.data.video;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One frame of a {@link FrameSequence}.
 *
 * @param id the frame's id, its image file stem (e.g. {@code 0016E5_07959})
 * @param number the frame number within its sequence (from the file name), used for ordering and
 *     spacing
 * @param image the image file
 * @param mask the label mask file, or {@code null} when this frame is not labelled
 */
public record ClipFrame(String id, long number, Path image, Path mask) {

    public ClipFrame {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(image, "image");
    }

    /** Whether the frame has a label mask. */
    public boolean labelled() {
        return mask != null;
    }
}
