package org.seg4j.data.video;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seg4j.Seg4jException;

/**
 * An ordered run of frames from one video, some of them labelled.
 *
 * @param name the sequence name (the file-name prefix, or the clip folder's name)
 * @param frames the frames in increasing frame-number order
 */
public record FrameSequence(String name, List<ClipFrame> frames) {

    public FrameSequence {
        Objects.requireNonNull(name, "name");
        frames = List.copyOf(frames);
        if (frames.isEmpty()) {
            throw new Seg4jException("sequence '" + name + "' has no frames");
        }
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).number() <= frames.get(i - 1).number()) {
                throw new Seg4jException("sequence '" + name + "': frames " + frames.get(i - 1).id() + " and "
                        + frames.get(i).id() + " are not in increasing frame-number order");
            }
        }
    }

    /** Number of frames. */
    public int size() {
        return frames.size();
    }

    /** Number of frames with a label mask. */
    public int labelledCount() {
        return (int) frames.stream().filter(ClipFrame::labelled).count();
    }

    /**
     * The most common difference between consecutive frame numbers (the smaller one on a tie), e.g.
     * 2 for CamVid's 0016E5 (labelled every 2nd frame of a 30 Hz video); 0 for a single frame.
     */
    public long spacing() {
        Map<Long, Integer> counts = new HashMap<>();
        for (int i = 1; i < frames.size(); i++) {
            counts.merge(frames.get(i).number() - frames.get(i - 1).number(), 1, Integer::sum);
        }
        return counts.entrySet().stream()
                .min((a, b) -> a.getValue().equals(b.getValue())
                        ? Long.compare(a.getKey(), b.getKey())
                        : Integer.compare(b.getValue(), a.getValue()))
                .map(Map.Entry::getKey)
                .orElse(0L);
    }

    /** Number of places where consecutive frames are further apart than {@link #spacing()}. */
    public int gaps() {
        long s = spacing();
        int gaps = 0;
        for (int i = 1; i < frames.size(); i++) {
            if (frames.get(i).number() - frames.get(i - 1).number() > s) {
                gaps++;
            }
        }
        return gaps;
    }
}
