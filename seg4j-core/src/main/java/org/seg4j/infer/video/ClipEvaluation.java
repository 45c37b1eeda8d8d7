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
import org.seg4j.metric.video.FlowEstimator;
import org.seg4j.metric.video.FlowField;
import org.seg4j.metric.video.TemporalConsistency;
import org.seg4j.util.Progress;

/**
 * Scores a video segmenter on frame sequences: every frame of a sequence is segmented in order
 * (the state is reset at each sequence start), labelled frames add to one confusion matrix
 * (per-frame mIoU as for still images), consecutive frames add to a {@link FlickerCounter} and,
 * given a {@link FlowEstimator}, to a {@link TemporalConsistency} (TC, the flow computed between the
 * two input frames).
 */
public final class ClipEvaluation {

    private final VideoSegmenter segmenter;
    private final Function<ClipFrame, LabelMask> masks;
    private final PrintStream progress;
    private final FlowEstimator flow;

    /**
     * @param segmenter the segmenter (its temporal mode decides what is measured)
     * @param masks reads a labelled frame's mask as class ids ({@link LabelMask#IGNORE} for void)
     * @param progress where the progress bar goes, or {@code null}
     */
    public ClipEvaluation(VideoSegmenter segmenter, Function<ClipFrame, LabelMask> masks, PrintStream progress) {
        this(segmenter, masks, progress, null);
    }

    /**
     * @param segmenter the segmenter (its temporal mode decides what is measured)
     * @param masks reads a labelled frame's mask as class ids ({@link LabelMask#IGNORE} for void)
     * @param progress where the progress bar goes, or {@code null}
     * @param flow the optical flow for TC, or {@code null} to skip TC (the flow costs time)
     */
    public ClipEvaluation(VideoSegmenter segmenter, Function<ClipFrame, LabelMask> masks, PrintStream progress,
            FlowEstimator flow) {
        this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
        this.masks = Objects.requireNonNull(masks, "masks");
        this.progress = progress;
        this.flow = flow;
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
     * @param tc temporal consistency over consecutive frames, or {@code null} without a flow estimator
     * @param flowSeconds time spent estimating optical flow (part of {@code seconds})
     */
    public record Result(ConfusionMatrix confusion, FlickerCounter flicker, int sequences, long frames,
            long labelledFrames, double seconds, TemporalConsistency tc, double flowSeconds) {

        /** Frames segmented per second. */
        public double framesPerSecond() {
            return seconds > 0 ? frames / seconds : 0;
        }

        /** Milliseconds of optical flow per consecutive pair; NaN without TC. */
        public double flowMillisPerPair() {
            return tc == null || tc.pairs() == 0 ? Double.NaN : 1000 * flowSeconds / tc.pairs();
        }
    }

    /** Segments and scores every sequence. */
    public Result run(List<FrameSequence> sequences) {
        ConfusionMatrix confusion = new ConfusionMatrix(segmenter.classes().numClasses());
        FlickerCounter flicker = new FlickerCounter();
        TemporalConsistency tc = flow == null ? null : new TemporalConsistency(segmenter.classes().numClasses());
        long flowNanos = 0;
        int total = sequences.stream().mapToInt(FrameSequence::size).sum();
        long start = System.nanoTime();
        long done = 0;
        long labelled = 0;
        try (Progress bar = Progress.create(progress, "eval --temporal", "frame", total)) {
            for (FrameSequence seq : sequences) {
                segmenter.reset();
                LabelMask previous = null;
                LabelMask previousTruth = null;
                RgbImage previousImage = null;
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
                        if (tc != null) {
                            long t0 = System.nanoTime();
                            FlowField f = flow.estimate(previousImage, image);
                            flowNanos += System.nanoTime() - t0;
                            tc.add(previous, predicted, f);
                        }
                    }
                    previous = predicted;
                    previousImage = image;
                    previousTruth = truth;
                    bar.step((int) ++done);
                }
            }
        }
        return new Result(confusion, flicker, sequences.size(), done, labelled, (System.nanoTime() - start) / 1e9,
                tc, flowNanos / 1e9);
    }
}
