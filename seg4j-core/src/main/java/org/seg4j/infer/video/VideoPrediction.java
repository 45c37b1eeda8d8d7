package org.seg4j.infer.video;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.video.FrameSource;
import org.seg4j.data.video.VideoWriter;
import org.seg4j.infer.output.Renderings;
import org.seg4j.util.Progress;

/**
 * Segments a clip frame by frame and writes an overlay video (the frames blended with the colour
 * masks), optionally also every frame's class-id mask as {@code frame_000000.png}, ... .
 */
public final class VideoPrediction {

    /** Frame rate of the output when the source has none (a folder of frames). */
    public static final double DEFAULT_FPS = 15;

    private final VideoSegmenter segmenter;
    private final double alpha;
    private final Path masksDir;
    private final PrintStream progress;

    /**
     * @param segmenter the segmenter, reset before the clip
     * @param alpha overlay opacity, 0..1
     * @param masksDir where per-frame masks go, or {@code null} for none
     * @param progress where the progress bar (frames/s) goes, or {@code null}
     */
    public VideoPrediction(VideoSegmenter segmenter, double alpha, Path masksDir, PrintStream progress) {
        this.segmenter = Objects.requireNonNull(segmenter, "segmenter");
        this.alpha = alpha;
        this.masksDir = masksDir;
        this.progress = progress;
    }

    /**
     * What {@link #run} did.
     *
     * @param frames frames segmented and written
     * @param seconds wall time (decoding, segmenting, encoding)
     * @param fps the output video's frame rate
     */
    public record Summary(long frames, double seconds, double fps) {

        /** Frames processed per second. */
        public double framesPerSecond() {
            return seconds > 0 ? frames / seconds : 0;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d frames in %.1f s (%.2f frames/s)", frames, seconds, framesPerSecond());
        }
    }

    /** Segments every frame of {@code source} and writes the overlay video to {@code out}. */
    public Summary run(FrameSource source, Path out) {
        double fps = source.fps() > 0 ? source.fps() : DEFAULT_FPS;
        long total = source.frameCount();
        int[] palette = segmenter.classes().palette();
        segmenter.reset();
        long start = System.nanoTime();
        VideoWriter writer = null;
        long n = 0;
        try (Progress bar = Progress.create(progress, "predict", "frame", total > 0 ? (int) total : 0)) {
            for (RgbImage frame = source.next(); frame != null; frame = source.next()) {
                FrameResult r = segmenter.segment(frame);
                if (writer == null) {
                    writer = VideoWriter.open(out, frame.width(), frame.height(), fps);
                }
                writer.write(BufferedImages.toRgbImage(Renderings.overlay(frame, r.mask(), palette, alpha)));
                if (masksDir != null) {
                    PngFiles.writeIndexMask(masksDir.resolve(String.format(Locale.ROOT, "frame_%06d.png", n)), r.mask());
                }
                bar.step((int) ++n);
            }
            if (writer == null) {
                throw new org.seg4j.Seg4jException("the input has no frames; no video was written to " + out);
            }
            writer.close();
        } finally {
            if (writer != null) {
                try {
                    writer.close();
                } catch (RuntimeException ignored) {
                    // already closed above, or failing after an earlier error that is being thrown
                }
            }
        }
        return new Summary(n, (System.nanoTime() - start) / 1e9, fps);
    }
}
