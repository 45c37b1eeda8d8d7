package org.seg4j.infer.video;

import java.io.PrintStream;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.video.ClipFrame;
import org.seg4j.data.video.FrameSequence;
import org.seg4j.metric.ConfusionMatrix;
import org.seg4j.metric.video.FlickerCounter;
import org.seg4j.util.Progress;

/**
 * Scores a video segmenter on frame sequences: every frame of a sequence is segmented in order
 * (the state is reset at each sequence start), labelled frames add to one confusion matrix
 * (per-frame mIoU as for still images), consecutive frames add to a {@link FlickerCounter}.
 */
public final class ClipEvaluation {

    private final VideoSegmenter segmenter;
    private final Function<ClipFrame, LabelMask> masks;
    private final PrintStream progress;

    /**
     * @param segmenter the segmenter (its temporal mode decides what is measured)
     * @param masks reads a labelled frame's mask as class ids ({@link LabelMask#IGNORE} for void)
     * @param progress where the progress bar goes, or {@code null}
     */
    public ClipEvaluation(VideoSegmenter segmenter, Function<ClipFrame, LabelMask> masks, PrintStream progress) {
        this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
        this.masks = Objects.requireNonNull(masks, "masks");
        this.progress = progress;
    }

    /**
     * The outcome of {@link #run}.
     *
     * @param confusion per-frame confusion over the labelled frames
     * @param flicker flicker counts over consecutive frames
     * @param sequences sequences evaluated
     * @param frames frames segmented
     * @param labelledFrames frames scored against ground truth
     * @param seconds wall time, reading files included
     */
    public record Result(ConfusionMatrix confusion, FlickerCounter flicker, int sequences, long frames,
            long labelledFrames, double seconds) {

        /** Frames segmented per second. */
        public double framesPerSecond() {
            return seconds > 0 ? frames / seconds : 0;
        }
    }

    /** Segments and scores every sequence. */
    public Result run(List<FrameSequence> sequences) {
        ConfusionMatrix confusion = new ConfusionMatrix(segmenter.classes().numClasses());
        FlickerCounter flicker = new FlickerCounter();
        int total = sequences.stream().mapToInt(FrameSequence::size).sum();
        long start = System.nanoTime();
        long done = 0;
        long labelled = 0;
        try (Progress bar = Progress.create(progress, "eval --temporal", "frame", total)) {
            for (FrameSequence seq : sequences) {
                segmenter.reset();
                LabelMask previous = null;
                LabelMask previousTruth = null;
                for (ClipFrame frame : seq.frames()) {
                    RgbImage image = ImageFiles.read(frame.image());
                    LabelMask predicted = segmenter.segment(image).mask();
                    LabelMask truth = frame.labelled() ? masks.apply(frame) : null;
                    if (truth != null) {
                        confusion.add(predicted, truth);
                        labelled++;
                    }
                    if (previous != null) {
                        flicker.add(previous, predicted, previousTruth, truth);
                    }
                    previous = predicted;
                    previousTruth = truth;
                    bar.step((int) ++done);
                }
            }
        }
        return new Result(confusion, flicker, sequences.size(), done, labelled, (System.nanoTime() - start) / 1e9);
    }
}
