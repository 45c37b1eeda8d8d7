package org.seg4j.train.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.transform.CameraMotion;
import org.seg4j.transform.HorizontalFlip;
import org.seg4j.transform.RandomCrop;
import org.seg4j.transform.TransformPipeline;

class ClipFramesTest {

    /** Frames of two sequences, out of order: {@code a_3 a_1 b_7 a_2 b_8}. */
    static final class Sequences implements SampleSource {
        final PatternSource patterns = new PatternSource(5);
        final List<String> ids = List.of("a_3", "a_1", "b_7", "a_2", "b_8");

        @Override
        public int size() {
            return ids.size();
        }

        @Override
        public Sample load(int index) {
            Sample s = patterns.load(index);
            return new Sample(ids.get(index), s.image(), s.mask());
        }

        @Override
        public String id(int index) {
            return ids.get(index);
        }

        @Override
        public ClassMeta classes() {
            return patterns.classes();
        }
    }

    @Test
    void neighbourClipsAreConsecutiveFramesOfOneSequenceWithOneAugmentation() {
        Sequences source = new Sequences();
        var pipeline = TransformPipeline.of(new RandomCrop(20, 16, 0), new HorizontalFlip(0.5));
        ClipFrames clips = ClipFrames.neighbours(2, source);
        // a_2 (index 3): a_1 then a_2
        List<Sample> clip = clips.clip(source, 3, pipeline, 42);
        assertThat(clip).extracting(Sample::id).containsExactly("a_1", "a_2");
        // a_1 starts its sequence: a_1, a_2
        assertThat(clips.clip(source, 1, pipeline, 42)).extracting(Sample::id).containsExactly("a_1", "a_2");
        assertThat(clips.clip(source, 4, pipeline, 42)).extracting(Sample::id).containsExactly("b_7", "b_8");
        // one crop and flip for the whole clip: the frame of a_1 equals a_1 augmented alone with the seed
        Sample alone = pipeline.apply(source.load(1), new java.util.SplittableRandom(42));
        assertThat(clip.get(0).image().data()).isEqualTo(alone.image().data());
        // a sequence shorter than the clip holds its last frame
        assertThat(ClipFrames.neighbours(3, source).clip(source, 2, pipeline, 1)).extracting(Sample::id)
                .containsExactly("b_7", "b_8", "b_8");
    }

    @Test
    void theLoaderPacksWholeClipsClipMajor() {
        SampleSource source = new PatternSource(6);
        try (BatchLoader loader = BatchLoader.builder().setSource(source).setBatchSize(2).optShuffle(false)
                .optWorkers(1).optSeed(3).optClips(ClipFrames.synthetic(3, CameraMotion.DEFAULT)).build()) {
            assertThat(loader.clipLength()).isEqualTo(3);
            Iterator<Batch> it = loader.epoch(0);
            Batch b = it.next();
            assertThat(b.size()).isEqualTo(6);
            assertThat(b.ids()).containsExactly("s000", "s000", "s000", "s001", "s001", "s001");
            assertThat(b.labels()).hasSize(6 * b.height() * b.width());
        }
    }

    @Test
    void idsWithoutSequenceNumbersAreNamed() {
        assertThatThrownBy(() -> ClipFrames.neighbours(2, new PatternSource(3)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("s000");
        assertThatThrownBy(() -> ClipFrames.synthetic(0, CameraMotion.DEFAULT)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("clip_length");
    }

    @Test
    void withFlowsTheLoaderPacksTheCamerasExactFlowPerFrameAndTheSameFrames() {
        SampleSource source = new PatternSource(4);
        BatchLoader.Builder common = BatchLoader.builder().setSource(source).setBatchSize(2).optShuffle(false)
                .optWorkers(1).optSeed(3);
        try (BatchLoader plain = common.optClips(ClipFrames.synthetic(3, CameraMotion.DEFAULT)).build()) {
            Batch without = plain.epoch(0).next();
            assertThat(without.flows()).isNull();
            try (BatchLoader warped = BatchLoader.builder().setSource(source).setBatchSize(2).optShuffle(false)
                    .optWorkers(1).optSeed(3).optClips(ClipFrames.synthetic(3, CameraMotion.DEFAULT, true)).build()) {
                Batch with = warped.epoch(0).next();
                assertThat(with.images()).isEqualTo(without.images());
                int plane = with.height() * with.width();
                assertThat(with.flows()).hasSize(6 * 2 * plane);
                // frame 0 of each clip has no predecessor: zero flow; later frames move
                double first = 0;
                double later = 0;
                for (int p = 0; p < 2 * plane; p++) {
                    first += Math.abs(with.flows()[p]) + Math.abs(with.flows()[3 * 2 * plane + p]);
                    later += Math.abs(with.flows()[2 * plane + p]);
                }
                assertThat(first).isZero();
                assertThat(later).isGreaterThan(0);
            }
        }
    }

    @Test
    void neighbourClipsWithFlowAskTheEstimatorForEachConsecutivePair() {
        Sequences source = new Sequences();
        var pipeline = TransformPipeline.of(new RandomCrop(20, 16, 0));
        java.util.List<String> pairs = new java.util.ArrayList<>();
        org.seg4j.metric.video.FlowEstimator flow = new org.seg4j.metric.video.FlowEstimator() {
            @Override
            public org.seg4j.metric.video.FlowField estimate(org.seg4j.data.RgbImage from,
                    org.seg4j.data.RgbImage to) {
                pairs.add(from.width() + "x" + from.height());
                return org.seg4j.metric.video.FlowField.constant(from.width(), from.height(), 1, 2);
            }

            @Override
            public String describe() {
                return "test";
            }
        };
        ClipFrames.Clip clip = ClipFrames.neighbours(3, source, flow).clipWithFlows(source, 3, pipeline, 5);
        assertThat(clip.frames()).extracting(Sample::id).containsExactly("a_1", "a_2", "a_3");
        assertThat(pairs).containsExactly("16x20", "16x20");
        assertThat(clip.flows().get(0).mean()).containsExactly(0.0, 0.0);
        assertThat(clip.flows().get(2).mean()).containsExactly(1.0, 2.0);
    }

    @Test
    void frameChangesAlterEachFrameOnItsOwnAndKeepMasksAndFlows() {
        SampleSource source = new PatternSource(2);
        ClipFrames plain = ClipFrames.synthetic(3, CameraMotion.DEFAULT, true);
        ClipFrames jittered = ClipFrames.withFrameChanges(plain, TransformPipeline.of(
                new org.seg4j.transform.ColorJitter(0.3, 0.3, 0.3, 0), new org.seg4j.transform.GaussianNoise(0.05)));
        var pipeline = TransformPipeline.of(new RandomCrop(20, 16, 0));
        ClipFrames.Clip before = plain.clipWithFlows(source, 1, pipeline, 7);
        ClipFrames.Clip after = jittered.clipWithFlows(source, 1, pipeline, 7);
        assertThat(jittered.length()).isEqualTo(3);
        assertThat(after.flows()).isEqualTo(before.flows());
        for (int t = 0; t < 3; t++) {
            assertThat(after.frames().get(t).mask().data()).isEqualTo(before.frames().get(t).mask().data());
            assertThat(after.frames().get(t).image().data()).isNotEqualTo(before.frames().get(t).image().data());
        }
        // the change differs between frames: frame 1 minus its plain self is not frame 0's difference
        assertThat(difference(after, before, 1)).isNotEqualTo(difference(after, before, 0));
        // and is the same for the same seed
        assertThat(jittered.clip(source, 1, pipeline, 7).get(2).image().data())
                .isEqualTo(after.frames().get(2).image().data());
    }

    private static int[] difference(ClipFrames.Clip a, ClipFrames.Clip b, int t) {
        byte[] x = a.frames().get(t).image().data();
        byte[] y = b.frames().get(t).image().data();
        int[] d = new int[x.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (x[i] & 0xFF) - (y[i] & 0xFF);
        }
        return d;
    }
}
