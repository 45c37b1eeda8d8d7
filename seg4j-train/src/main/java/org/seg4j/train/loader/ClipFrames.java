package org.seg4j.train.loader;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.seg4j.Seg4jException;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.data.video.FrameSequences;
import org.seg4j.metric.video.FlowEstimator;
import org.seg4j.metric.video.FlowField;
import org.seg4j.transform.CameraMotion;
import org.seg4j.transform.JointTransform;

/**
 * How the loader turns one data-set sample into a training clip of {@link #length()} frames, for
 * temporal models. The clip's frames go into the batch one after another (clip-major), so a batch
 * of {@code B} clips holds {@code B * length} frames.
 */
public interface ClipFrames {

    /** Frames per clip. */
    int length();

    /**
     * The frames of the clip around sample {@code index}, each transformed by {@code pipeline} with
     * the same random draws (one crop, flip and colour change for the whole clip).
     *
     * @param seed seed of the sample's random generator in this epoch
     */
    List<Sample> clip(SampleSource source, int index, JointTransform pipeline, long seed);

    /**
     * A clip's frames and, for a motion-compensated memory, the optical flow from each frame to the
     * frame before it (zero for the first).
     *
     * @param frames the frames, transformed
     * @param flows one flow per frame at the frames' size, or {@code null} when the source gives none
     */
    record Clip(List<Sample> frames, List<FlowField> flows) {}

    /** {@link #clip} with the flows between its frames where this source provides them; by default none. */
    default Clip clipWithFlows(SampleSource source, int index, JointTransform pipeline, long seed) {
        return new Clip(clip(source, index, pipeline, seed), null);
    }

    /**
     * {@link #synthetic(int, CameraMotion)}, and with {@code flows} also the camera's exact flow
     * between consecutive frames ({@link CameraMotion#clipWithFlows}): no estimation needed.
     */
    static ClipFrames synthetic(int length, CameraMotion motion, boolean flows) {
        ClipFrames plain = synthetic(length, motion);
        if (!flows) {
            return plain;
        }
        return new WithFlows(plain) {
            @Override
            public Clip clipWithFlows(SampleSource source, int index, JointTransform pipeline, long seed) {
                SplittableRandom rng = new SplittableRandom(seed);
                CameraMotion.MovingClip c = motion.clipWithFlows(pipeline.apply(source.load(index), rng), length, rng);
                return new Clip(c.frames(), c.flows());
            }
        };
    }

    /**
     * {@link #neighbours(int, SampleSource)} with the flow between consecutive frames estimated by
     * {@code flow} on the transformed frames (one estimation per frame pair, on the loader's worker
     * threads).
     */
    static ClipFrames neighbours(int length, SampleSource source, FlowEstimator flow) {
        ClipFrames plain = neighbours(length, source);
        java.util.Objects.requireNonNull(flow, "flow");
        return new WithFlows(plain) {
            @Override
            public Clip clipWithFlows(SampleSource s, int index, JointTransform pipeline, long seed) {
                List<Sample> frames = plain.clip(s, index, pipeline, seed);
                List<FlowField> flows = new ArrayList<>(frames.size());
                for (int t = 0; t < frames.size(); t++) {
                    Sample f = frames.get(t);
                    flows.add(t == 0 ? FlowField.constant(f.image().width(), f.image().height(), 0, 0)
                            : flow.estimate(f.image(), frames.get(t - 1).image()));
                }
                return new Clip(frames, flows);
            }
        };
    }

    /**
     * Clips synthesised from each labelled image alone: the augmented image seen by a camera moving
     * along a smooth random trajectory ({@link CameraMotion}).
     */
    static ClipFrames synthetic(int length, CameraMotion motion) {
        check(length);
        return new ClipFrames() {
            @Override
            public int length() {
                return length;
            }

            @Override
            public List<Sample> clip(SampleSource source, int index, JointTransform pipeline, long seed) {
                SplittableRandom rng = new SplittableRandom(seed);
                return motion.clip(pipeline.apply(source.load(index), rng), length, rng);
            }
        };
    }

    /**
     * Clips of consecutive labelled frames of one sequence (data-set ids {@code SEQUENCE_NUMBER}):
     * the sample and the {@code length - 1} frames before it (at a sequence's start, the first
     * {@code length} frames), in time order. A sequence shorter than the clip repeats its last
     * frame (a still camera).
     *
     * @throws Seg4jException when an id does not name its sequence
     */
    static ClipFrames neighbours(int length, SampleSource source) {
        check(length);
        List<String> ids = new ArrayList<>(source.size());
        for (int i = 0; i < source.size(); i++) {
            ids.add(source.id(i));
        }
        int[][] clipOf = new int[source.size()][];
        for (int[] sequence : FrameSequences.orderedGroups(ids)) {
            for (int pos = 0; pos < sequence.length; pos++) {
                int start = Math.max(0, Math.min(pos - length + 1, sequence.length - length));
                int[] clip = new int[length];
                for (int t = 0; t < length; t++) {
                    clip[t] = sequence[Math.min(start + t, sequence.length - 1)];
                }
                clipOf[sequence[pos]] = clip;
            }
        }
        return new ClipFrames() {
            @Override
            public int length() {
                return length;
            }

            @Override
            public List<Sample> clip(SampleSource s, int index, JointTransform pipeline, long seed) {
                List<Sample> frames = new ArrayList<>(length);
                for (int i : clipOf[index]) {
                    frames.add(pipeline.apply(s.load(i), new SplittableRandom(seed)));
                }
                return frames;
            }
        };
    }

    /**
     * {@code clips} with each frame changed on its own by {@code perFrame} (photometric transforms
     * only, such as colour jitter and noise, so that masks and flows stay valid), on top of the
     * clip's shared augmentation: the lighting, exposure and noise changes between the frames of a
     * real video, which a clip cut from one image lacks. Every frame, the first included, draws from
     * its own generator, seeded from the clip's seed and its position.
     */
    static ClipFrames withFrameChanges(ClipFrames clips, JointTransform perFrame) {
        java.util.Objects.requireNonNull(perFrame, "perFrame");
        return new ClipFrames() {
            @Override
            public int length() {
                return clips.length();
            }

            @Override
            public List<Sample> clip(SampleSource source, int index, JointTransform pipeline, long seed) {
                return changed(clips.clip(source, index, pipeline, seed), seed);
            }

            @Override
            public Clip clipWithFlows(SampleSource source, int index, JointTransform pipeline, long seed) {
                Clip c = clips.clipWithFlows(source, index, pipeline, seed);
                return new Clip(changed(c.frames(), seed), c.flows());
            }

            private List<Sample> changed(List<Sample> frames, long seed) {
                SplittableRandom seeds = new SplittableRandom(seed ^ 0x5DEECE66DL);
                List<Sample> out = new ArrayList<>(frames.size());
                for (Sample f : frames) {
                    out.add(perFrame.apply(f, seeds.split()));
                }
                return out;
            }
        };
    }

    private static void check(int length) {
        if (length < 1) {
            throw new Seg4jException("clip_length must be at least 1, got " + length);
        }
    }

    /** Clips of {@code plain} (same length and frames) that also carry flows. */
    abstract static class WithFlows implements ClipFrames {
        private final ClipFrames plain;

        WithFlows(ClipFrames plain) {
            this.plain = plain;
        }

        @Override
        public int length() {
            return plain.length();
        }

        @Override
        public List<Sample> clip(SampleSource source, int index, JointTransform pipeline, long seed) {
            return plain.clip(source, index, pipeline, seed);
        }
    }
}
