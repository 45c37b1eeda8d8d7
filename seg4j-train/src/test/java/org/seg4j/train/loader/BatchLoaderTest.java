package org.seg4j.train.loader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.data.SampleSource;
import org.seg4j.transform.CameraMotion;
import org.seg4j.transform.ClassPaste;
import org.seg4j.transform.ColorJitter;
import org.seg4j.transform.HorizontalFlip;
import org.seg4j.transform.RandomCrop;
import org.seg4j.transform.RandomScale;
import org.seg4j.transform.TransformPipeline;

class BatchLoaderTest {

    private static final TransformPipeline AUGMENT = TransformPipeline.builder()
            .add(new RandomScale(0.8, 1.3))
            .add(new RandomCrop(24, 32))
            .add(new HorizontalFlip(0.5))
            .add(new ColorJitter(0.3, 0.3, 0.3, 0.05))
            .build();

    private static BatchLoader.Builder loader(SampleSource source, int workers) {
        return BatchLoader.builder()
                .setSource(source)
                .setBatchSize(4)
                .optPipeline(AUGMENT)
                .optSeed(17)
                .optWorkers(workers);
    }

    private static List<Batch> drain(Iterator<Batch> it) {
        List<Batch> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void resultsDoNotDependOnThreadCountOrPrefetch() {
        SampleSource source = new PatternSource(23);
        try (BatchLoader one = loader(source, 1).optPrefetch(1).build();
                BatchLoader three = loader(source, 3).optPrefetch(5).build()) {
            for (int epoch = 0; epoch < 2; epoch++) {
                List<Batch> a = drain(one.epoch(epoch));
                List<Batch> b = drain(three.epoch(epoch));
                assertThat(a).hasSize(6).hasSameSizeAs(b);
                for (int i = 0; i < a.size(); i++) {
                    assertThat(a.get(i).ids()).isEqualTo(b.get(i).ids());
                    assertThat(a.get(i).images()).isEqualTo(b.get(i).images());
                    assertThat(a.get(i).labels()).isEqualTo(b.get(i).labels());
                }
            }
        }
    }

    @Test
    void aResumedLoaderSeesTheSameLaterEpoch() {
        SampleSource source = new PatternSource(10);
        try (BatchLoader first = loader(source, 2).build(); BatchLoader resumed = loader(source, 2).build()) {
            drain(first.epoch(0));
            drain(first.epoch(1));
            List<Batch> a = drain(first.epoch(2));
            List<Batch> b = drain(resumed.epoch(2));
            for (int i = 0; i < a.size(); i++) {
                assertThat(a.get(i).images()).isEqualTo(b.get(i).images());
            }
        }
    }

    @Test
    void startingAnEpochAbandonsTheUnfinishedOne() {
        SampleSource source = new PatternSource(20);
        try (BatchLoader l = loader(source, 2).build(); BatchLoader fresh = loader(source, 2).build()) {
            Iterator<Batch> first = l.epoch(0);
            first.next();
            List<Batch> second = drain(l.epoch(1));
            assertThat(first.hasNext()).isFalse();
            List<Batch> expected = drain(fresh.epoch(1));
            assertThat(second).hasSameSizeAs(expected);
            for (int i = 0; i < second.size(); i++) {
                assertThat(second.get(i).images()).isEqualTo(expected.get(i).images());
            }
        }
    }

    @Test
    void everySampleIsSeenExactlyOncePerEpoch() {
        try (BatchLoader l = loader(new PatternSource(23), 2).build()) {
            for (int epoch = 0; epoch < 3; epoch++) {
                List<String> ids = new ArrayList<>();
                List<Batch> batches = drain(l.epoch(epoch));
                batches.forEach(b -> ids.addAll(b.ids()));
                assertThat(ids).hasSize(23).doesNotHaveDuplicates();
                assertThat(batches.get(batches.size() - 1).size()).isEqualTo(3);
                assertThat(batches).hasSize(l.batchesPerEpoch());
            }
            assertThat(l.samplesPerEpoch()).isEqualTo(23);
        }
    }

    @Test
    void dropLastSkipsTheIncompleteBatch() {
        try (BatchLoader l = loader(new PatternSource(23), 2).optDropLast(true).build()) {
            List<Batch> batches = drain(l.epoch(0));
            assertThat(batches).hasSize(5).allSatisfy(b -> assertThat(b.size()).isEqualTo(4));
            Set<String> ids = new HashSet<>();
            batches.forEach(b -> ids.addAll(b.ids()));
            assertThat(ids).hasSize(20);
            assertThat(l.samplesPerEpoch()).isEqualTo(20);
        }
    }

    @Test
    void shuffleChangesTheOrderAcrossEpochs() {
        try (BatchLoader l = loader(new PatternSource(30), 1).build()) {
            Set<String> orders = new HashSet<>();
            for (int epoch = 0; epoch < 4; epoch++) {
                orders.add(Arrays.toString(l.order(epoch)));
            }
            assertThat(orders).hasSize(4);
            assertThat(l.order(2)).isEqualTo(l.order(2));
        }
        try (BatchLoader l = loader(new PatternSource(30), 1).optShuffle(false).build()) {
            List<String> ids = new ArrayList<>();
            drain(l.epoch(5)).forEach(b -> ids.addAll(b.ids()));
            assertThat(ids.get(0)).isEqualTo("s000");
            assertThat(ids).isSorted();
        }
    }

    @Test
    void augmentationDiffersAcrossEpochsForTheSameSample() {
        try (BatchLoader l = loader(new PatternSource(4), 1).optShuffle(false).build()) {
            float[] e0 = drain(l.epoch(0)).get(0).images();
            float[] e1 = drain(l.epoch(1)).get(0).images();
            float[] again = drain(l.epoch(0)).get(0).images();
            assertThat(e0).isNotEqualTo(e1);
            assertThat(e0).isEqualTo(again);
        }
    }

    @Test
    void workerErrorsReachTheConsumerWithTheSampleId() {
        try (BatchLoader l = loader(new PatternSource(12, 7, false), 2).optShuffle(false).build()) {
            Iterator<Batch> it = l.epoch(0);
            assertThat(it.next().ids()).containsExactly("s000", "s001", "s002", "s003");
            assertThatThrownBy(it::next)
                    .isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("s007")
                    .hasMessageContaining("corrupt file");
        }
    }

    @Test
    void samplesOfDifferentSizesNameTheSampleAndSizes() {
        try (BatchLoader l = BatchLoader.builder().setSource(new PatternSource(6, -1, true)).setBatchSize(3)
                .optShuffle(false).build()) {
            assertThatThrownBy(() -> l.epoch(0).next())
                    .isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("s001")
                    .hasMessageContaining("41x30")
                    .hasMessageContaining("40x30");
        }
    }

    @Test
    void closeStopsAllWorkerThreads() throws Exception {
        BatchLoader l = loader(new PatternSource(40), 3).build();
        String prefix = l.threadNamePrefix();
        Iterator<Batch> it = l.epoch(0);
        it.next();
        assertThat(liveThreads(prefix)).isPositive();
        l.close();
        assertThat(liveThreads(prefix)).isZero();
        assertThatThrownBy(() -> l.epoch(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void invalidSettingsAreRejected() {
        assertThatThrownBy(() -> BatchLoader.builder().setSource(new PatternSource(3)).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("batch size");
        assertThatThrownBy(() -> BatchLoader.builder().setSource(new PatternSource(3)).setBatchSize(4)
                .optDropLast(true).build()).isInstanceOf(Seg4jException.class).hasMessageContaining("drop-last");
    }

    private static long liveThreads(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix) && t.isAlive())
                .count();
    }

    @Test
    void sampleWeightsDrawRareSamplesMoreOftenAndReproducibly() {
        SampleSource source = new PatternSource(10);
        double[] weights = {1, 1, 1, 1, 1, 1, 1, 1, 1, 5};
        try (BatchLoader a = loader(source, 1).optSampleWeights(weights).build();
                BatchLoader b = loader(source, 2).optSampleWeights(weights).build()) {
            for (int epoch = 0; epoch < 3; epoch++) {
                int[] order = a.order(epoch);
                assertThat(order).hasSize(10).isEqualTo(b.order(epoch));
                long rare = Arrays.stream(order).filter(i -> i == 9).count();
                // expected 10 * 5 / 14 = 3.57 draws per epoch: 3 or 4
                assertThat(rare).isBetween(3L, 4L);
            }
            assertThat(a.order(0)).isNotEqualTo(a.order(1));
        }
        assertThatThrownBy(() -> loader(source, 1).optSampleWeights(new double[] {1, 2}).build())
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("2 values for 10 samples");
    }

    @Test
    void copyPasteLaysAnotherCropsClassOverEachSampleReproducibly() {
        SampleSource source = new PatternSource(12);
        ClassPaste paste = ClassPaste.builder().setProbability(1).optClasses(2).build();
        try (BatchLoader plain = loader(source, 1).build();
                BatchLoader pasted = loader(source, 1).optClassPaste(paste).build();
                BatchLoader pasted2 = loader(source, 3).optClassPaste(paste).build()) {
            List<Batch> before = drain(plain.epoch(1));
            List<Batch> after = drain(pasted.epoch(1));
            List<Batch> again = drain(pasted2.epoch(1));
            int plane = 24 * 32;
            int donorsSeen = 0;
            for (int b = 0; b < before.size(); b++) {
                Batch x = before.get(b);
                Batch y = after.get(b);
                assertThat(y.ids()).isEqualTo(x.ids());
                assertThat(again.get(b).labels()).as("independent of the thread count").isEqualTo(y.labels());
                assertThat(again.get(b).images()).isEqualTo(y.images());
                for (int i = 0; i < x.size(); i++) {
                    // exactly one other crop of the batch is the donor: its class-2 pixels, label and colour
                    int donor = -1;
                    for (int j = 0; j < x.size() && donor < 0; j++) {
                        if (j != i && pastedFrom(x, y, i, j, plane)) {
                            donor = j;
                        }
                    }
                    assertThat(donor).as("batch %d sample %d has a donor in its batch", b, i).isNotNegative();
                    donorsSeen |= 1 << ((donor - i + x.size()) % x.size());
                }
            }
            assertThat(Integer.bitCount(donorsSeen)).as("donors at every offset in the batch").isEqualTo(3);
        }
        assertThatThrownBy(() -> loader(source, 1).optClassPaste(paste)
                .optClips(ClipFrames.synthetic(3, CameraMotion.DEFAULT)).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("copy-paste works on single images");
    }

    @Test
    void samplesAreTheBatchBeforeNormalisation() {
        SampleSource source = new PatternSource(10);
        ClassPaste paste = ClassPaste.builder().setProbability(0.5).build();
        try (BatchLoader loader = loader(source, 2).optClassPaste(paste).build()) {
            List<Batch> batches = drain(loader.epoch(4));
            int plane = 24 * 32;
            for (int b = 0; b < batches.size(); b++) {
                List<org.seg4j.data.Sample> samples = loader.samples(4, b);
                assertThat(samples).extracting(org.seg4j.data.Sample::id).isEqualTo(batches.get(b).ids());
                float[] images = new float[samples.size() * 3 * plane];
                byte[] labels = new byte[samples.size() * plane];
                for (int i = 0; i < samples.size(); i++) {
                    org.seg4j.transform.Normalization.IMAGENET.toChw(samples.get(i).image(), images, i * 3 * plane);
                    System.arraycopy(samples.get(i).mask().data(), 0, labels, i * plane, plane);
                }
                assertThat(images).isEqualTo(batches.get(b).images());
                assertThat(labels).isEqualTo(batches.get(b).labels());
            }
            assertThatThrownBy(() -> loader.samples(4, 3)).isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("batch 3 is not in 0..2");
        }
    }

    /** Whether sample i of {@code after} is sample i of {@code before} with sample j's class-2 pixels. */
    private static boolean pastedFrom(Batch before, Batch after, int i, int j, int plane) {
        for (int p = 0; p < plane; p++) {
            boolean fromDonor = before.labels()[j * plane + p] == 2;
            int src = fromDonor ? j : i;
            if (after.labels()[i * plane + p] != before.labels()[src * plane + p]) {
                return false;
            }
            for (int c = 0; c < 3; c++) {
                if (after.images()[(i * 3 + c) * plane + p] != before.images()[(src * 3 + c) * plane + p]) {
                    return false;
                }
            }
        }
        return true;
    }
}
