package org.seg4j.infer.video;

import java.nio.file.Path;
import java.util.Objects;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.PredictorOptions;
import org.seg4j.infer.Probabilities;

/**
 * Segments the frames of a video in order, remembering earlier frames through a
 * {@link TemporalState}: a temporal model's hidden state ({@link TemporalMode#recurrent()}, the
 * default for such a model; {@link TemporalMode#recurrentFlow} warps it along the optical flow,
 * the default for a model trained with {@code temporal_warp: flow}, which then needs {@code
 * optTemporal(TemporalMode.auto(FarnebackFlow::defaults))}), a moving average of the probabilities ({@link TemporalMode#ema(double)})
 * or nothing ({@link TemporalMode#none()}, the default for a per-frame model).
 *
 * <pre>{@code
 * try (VideoSegmenter video = VideoSegmenter.builder()
 *         .setModelDir(Path.of("models/camvid"))
 *         .optTemporal(TemporalMode.ema(0.5))
 *         .build();
 *      VideoReader clip = VideoReader.open(Path.of("drive.mp4"))) {
 *     for (RgbImage frame = clip.next(); frame != null; frame = clip.next()) {
 *         LabelMask mask = video.segment(frame).mask();
 *     }
 *     video.reset(); // before the next, unrelated clip
 * }
 * }</pre>
 *
 * <p>Not thread-safe: the state belongs to one video. Closing the segmenter closes the state and,
 * when it loaded the model itself ({@link Builder#setModelDir}), the model.
 */
public final class VideoSegmenter implements AutoCloseable {

    private final Predictor predictor;
    private final boolean ownsPredictor;
    private final TemporalMode mode;
    private final TemporalState state;
    private final boolean probabilities;
    private long index;

    private VideoSegmenter(Builder b, Predictor predictor) {
        this.predictor = predictor;
        this.ownsPredictor = b.predictor == null;
        this.mode = b.mode.resolve(predictor);
        this.state = mode.open(predictor);
        this.probabilities = b.probabilities;
    }

    /** A builder; {@link Builder#setModelDir} or {@link Builder#setPredictor} is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The model's classes. */
    public ClassMeta classes() {
        return predictor.classes();
    }

    /** The per-frame predictor. */
    public Predictor predictor() {
        return predictor;
    }

    /** The temporal mode in effect ({@link TemporalMode#auto()} resolved for this model). */
    public TemporalMode temporal() {
        return mode;
    }

    /** Segments the next frame of the video. */
    public FrameResult segment(RgbImage frame) {
        Probabilities p = state.next(frame);
        return new FrameResult(index++, p.argmax(), probabilities ? p : null);
    }

    /** Starts a new video: forgets earlier frames and restarts the frame index at 0. */
    public void reset() {
        state.reset();
        index = 0;
    }

    /** Frames segmented since creation or the last reset. */
    public long frames() {
        return index;
    }

    @Override
    public void close() {
        try {
            state.close();
        } finally {
            if (ownsPredictor) {
                predictor.close();
            }
        }
    }

    /** Builds a {@link VideoSegmenter}: {@code set*} required (one of the two), {@code opt*} optional. */
    public static final class Builder {
        private Path modelDir;
        private Predictor predictor;
        private PredictorOptions options;
        private TemporalMode mode = TemporalMode.auto();
        private boolean probabilities;

        private Builder() {}

        /** Loads this model directory; the segmenter owns and closes it. */
        public Builder setModelDir(Path modelDir) {
            this.modelDir = modelDir;
            return this;
        }

        /** Runs this predictor; the caller keeps ownership of it. */
        public Builder setPredictor(Predictor predictor) {
            this.predictor = predictor;
            return this;
        }

        /** Inference options for {@link #setModelDir} (tiling, scale, flip). */
        public Builder optOptions(PredictorOptions options) {
            this.options = options;
            return this;
        }

        /**
         * The temporal state: {@link TemporalMode#auto()} (default: the model's own memory for a
         * temporal model, else frame by frame), {@link TemporalMode#none()}, {@link
         * TemporalMode#ema(double)}, {@link TemporalMode#emaFlow}, {@link TemporalMode#recurrent()} or
         * {@link TemporalMode#recurrentFlow}. A model trained with {@code temporal_warp: flow} under
         * the default {@code auto()} is an error naming seg4j-opencv: pass {@code
         * TemporalMode.auto(FarnebackFlow::defaults)} (or {@code recurrent()} to run it unwarped).
         */
        public Builder optTemporal(TemporalMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Whether each {@link FrameResult} carries its probabilities (default false). */
        public Builder optProbabilities(boolean probabilities) {
            this.probabilities = probabilities;
            return this;
        }

        /**
         * @throws Seg4jException when neither or both of model directory and predictor are set, or
         *     the model cannot be loaded
         */
        public VideoSegmenter build() {
            if ((modelDir == null) == (predictor == null)) {
                throw new Seg4jException("VideoSegmenter needs exactly one of setModelDir and setPredictor");
            }
            if (predictor != null && options != null) {
                throw new Seg4jException("optOptions applies to setModelDir; a given predictor keeps its own options");
            }
            Predictor p = predictor != null ? predictor
                    : Predictor.load(modelDir, options == null ? PredictorOptions.defaults() : options);
            try {
                return new VideoSegmenter(this, p);
            } catch (RuntimeException e) {
                if (predictor == null) {
                    p.close();
                }
                throw e;
            }
        }
    }
}
