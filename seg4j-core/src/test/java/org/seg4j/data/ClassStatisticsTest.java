package org.seg4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;

class ClassStatisticsTest {

    private static final byte V = (byte) LabelMask.IGNORE;

    // m1: three pixels of class 0, one of class 1. m2: one of class 1, one of class 2, two void.
    private static final LabelMask M1 = new LabelMask(2, 2, new byte[] {0, 0, 0, 1});
    private static final LabelMask M2 = new LabelMask(2, 2, new byte[] {1, 2, V, V});
    private static final LabelMask M3 = new LabelMask(2, 1, new byte[] {3, 3});

    @TempDir
    Path dir;

    @Test
    void countsPixelsAndImages() {
        ClassStatistics s = ClassStatistics.of(List.of(M1, M2), DatasetFixtures.fourClasses());
        assertThat(s.images()).isEqualTo(2);
        assertThat(s.totalPixels()).isEqualTo(8);
        assertThat(s.voidPixels()).isEqualTo(2);
        assertThat(s.labelledPixels()).isEqualTo(6);
        assertThat(s.pixelCounts()).containsExactly(3, 2, 1, 0);
        assertThat(s.imageCounts()).containsExactly(1, 2, 1, 0);
        assertThat(s.imageShare(0)).isEqualTo(0.5);
        assertThat(s.imageShare(1)).isEqualTo(1.0);
        assertThat(s.imageShare(3)).isZero();
        assertThat(s.pixelShare(0)).isEqualTo(0.5);
    }

    @Test
    void statisticsRebuiltFromSummedPartsEqualTheWhole() {
        ClassMeta classes = DatasetFixtures.fourClasses();
        ClassStatistics a = ClassStatistics.of(List.of(M1), classes);
        ClassStatistics b = ClassStatistics.of(List.of(M2, M3), classes);
        ClassStatistics whole = ClassStatistics.of(List.of(M1, M2, M3), classes);
        long[] pixels = new long[4];
        long[] present = new long[4];
        int[] images = new int[4];
        for (ClassStatistics part : List.of(a, b)) {
            for (int c = 0; c < 4; c++) {
                pixels[c] += part.pixelCounts()[c];
                present[c] += part.presentPixelTotals()[c];
                images[c] += part.imageCounts()[c];
            }
        }
        ClassStatistics summed = ClassStatistics.ofCounts(classes, pixels, present, images,
                a.images() + b.images(), a.totalPixels() + b.totalPixels(), a.voidPixels() + b.voidPixels());
        assertThat(summed.table()).isEqualTo(whole.table());
        assertThat(summed.medianFrequencyWeights()).containsExactly(whole.medianFrequencyWeights());
        assertThat(whole.presentPixelTotals()).containsExactly(4, 8, 4, 2);
        assertThatThrownBy(() -> ClassStatistics.ofCounts(classes, new long[3], new long[4], new int[4], 0, 0, 0))
                .hasMessageContaining("counts for 3 classes, the class list has 4");
    }

    @Test
    void medianFrequencyWithAnAbsentClass() {
        // freq: c0 = 3/4 (only m1, 4 pixels), c1 = 2/8, c2 = 1/4; median of {1/4, 1/4, 3/4} = 1/4
        ClassStatistics s = ClassStatistics.of(List.of(M1, M2), DatasetFixtures.fourClasses());
        assertThat(s.frequency(0)).isEqualTo(0.75);
        assertThat(s.frequency(1)).isEqualTo(0.25);
        assertThat(s.medianFrequencyWeights()).containsExactly(new float[] {1f / 3, 1f, 1f, 0f}, within(1e-6f));
    }

    @Test
    void medianFrequencyWithAnEvenNumberOfClasses() {
        // adding m3 (class 3 fills its 2 pixels): freqs {1/4, 1/4, 3/4, 1}; median = (1/4 + 3/4) / 2
        ClassStatistics s = ClassStatistics.of(List.of(M1, M2, M3), DatasetFixtures.fourClasses());
        assertThat(s.weights(ClassWeighting.MEDIAN_FREQUENCY))
                .containsExactly(new float[] {2f / 3, 2f, 2f, 0.5f}, within(1e-6f));
    }

    @Test
    void inverseSqrtFrequencyAveragesOneOverPresentClasses() {
        // shares 1/2, 1/3, 1/6 -> 1/sqrt: 1.41421, 1.73205, 2.44949 (sum 5.59575), scaled by 3 / sum
        ClassStatistics s = ClassStatistics.of(List.of(M1, M2), DatasetFixtures.fourClasses());
        assertThat(s.inverseSqrtWeights())
                .containsExactly(new float[] {0.758189f, 0.928588f, 1.313222f, 0f}, within(1e-5f));
        assertThat(s.weights(ClassWeighting.NONE)).containsExactly(1f, 1f, 1f, 1f);
    }

    @Test
    void parsesWeightingNames() {
        assertThat(ClassWeighting.parse("median-frequency")).isEqualTo(ClassWeighting.MEDIAN_FREQUENCY);
        assertThat(ClassWeighting.parse("Inverse_Sqrt")).isEqualTo(ClassWeighting.INVERSE_SQRT);
        assertThatThrownBy(() -> ClassWeighting.parse("log"))
                .isInstanceOf(Seg4jException.class)
                .hasMessage("unknown class weighting 'log'; valid: none, median-frequency, inverse-sqrt");
    }

    @Test
    void computesOverADatasetInParallel() {
        DatasetFixtures.folder(dir, "a", "b", "c");
        TestImages.grayPng(dir.resolve("masks/c.png"), 4, 3, 0, 0, 255);
        SegmentationDataset ds = SegmentationDataset.open(dir, "folder", "all");
        ClassStatistics s = ClassStatistics.of(ds);
        // a and b: 4x3 cycling 0..3 -> 3 pixels per class each; c: 8 zeros and 4 void
        assertThat(s.pixelCounts()).containsExactly(14, 6, 6, 6);
        assertThat(s.voidPixels()).isEqualTo(4);
        assertThat(s.imageCounts()).containsExactly(3, 2, 2, 2);
        assertThat(s.table()).contains("3 images, 36 pixels, 11.11% void");
    }

    @Test
    void labelsOutsideTheClassListAreRefused() {
        LabelMask bad = new LabelMask(1, 1, new byte[] {9});
        assertThatThrownBy(() -> ClassStatistics.of(List.of(bad), DatasetFixtures.fourClasses()))
                .isInstanceOf(Seg4jException.class)
                .hasMessage("mask 0: mask holds label 9, outside the class list 0..3");
    }

    @Test
    void warnsAboutClassesWithoutPixelsAndMostlyVoidMasks() {
        ClassMeta four = DatasetFixtures.fourClasses();
        // M1 + M2: class 3 absent, void 2 of 8 pixels
        List<String> w = ClassStatistics.of(List.of(M1, M2), four).warnings(0.5);
        assertThat(w).singleElement().asString()
                .startsWith("class d (id 3) has no pixels in the 2 masks; masks are read as a=0, b=1, c=2, d=3, void=255")
                .endsWith("map them in classes.yaml with values: {STORED_VALUE: CLASS_NAME, ...}");
        assertThat(ClassStatistics.of(List.of(M1, M2), four).warnings(0.2)).hasSize(2)
                .last().asString().startsWith("25.0% of the pixels of the 2 masks are void (more than 20%)");
        assertThat(ClassStatistics.of(List.of(M1, M2, M3), four).warnings(0.5)).isEmpty();
        assertThat(ClassStatistics.of(List.of(), four).warnings(0.5)).isEmpty();
    }

    @Test
    void accumulatorGivesTheSameCountsAsTheList() {
        ClassStatistics.Accumulator acc = new ClassStatistics.Accumulator(DatasetFixtures.fourClasses());
        List.of(M1, M2, M3).parallelStream().forEach(m -> acc.add(m, "m"));
        ClassStatistics s = acc.result();
        assertThat(s.images()).isEqualTo(3);
        assertThat(s.pixelCounts()).containsExactly(3, 2, 1, 2);
        assertThat(s.voidPixels()).isEqualTo(2);
    }
}
