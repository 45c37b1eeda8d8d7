package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.ClassWeighting;
import org.seg4j.data.DatasetFixtures;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.TestImages;
import org.seg4j.data.quality.DatasetStats;
import org.seg4j.metric.report.ClassHistogramChart;

/** The weights file that {@code data stats} writes is what training reads; the histogram chart is a PNG. */
class DatasetStatsWeightsTest {

    @TempDir
    Path tmp;

    @Test
    void weightsFileIsWhatTrainReadsAndTheChartIsAPng() throws Exception {
        Path root = DatasetFixtures.camvid(tmp.resolve("d"), 2, "train", "val");
        DatasetFixtures.fourClasses().write(root.resolve(ClassMeta.FILE_NAME));
        TestImages.rgbPng(root.resolve("val/big.png"), 6, 5);
        TestImages.grayPng(root.resolve("valannot/big.png"), 6, 5, 0);
        DatasetStats stats = DatasetStats.of(List.of(SegmentationDataset.open(root, "camvid", "train"),
                SegmentationDataset.open(root, "camvid", "val")));
        assertThat(stats.sizes().get("train")).containsExactly(java.util.Map.entry("4x3", 2));
        assertThat(stats.sizes().get("val")).containsEntry("6x5", 1).containsEntry("4x3", 2);
        Path file = tmp.resolve("w.yaml");
        stats.writeWeights(file, "train", ClassWeighting.MEDIAN_FREQUENCY);
        TrainConfig cfg = TrainConfig.read(file);
        assertThat(cfg.classWeighting()).isEqualTo("explicit");
        float[] expected = stats.splits().get("train").medianFrequencyWeights();
        assertThat(cfg.classWeights()).hasSize(4);
        for (int c = 0; c < 4; c++) {
            assertThat(cfg.classWeights()[c]).isCloseTo(expected[c], org.assertj.core.api.Assertions.within(1e-3f));
        }
        Path png = tmp.resolve("h.png");
        ClassHistogramChart.write(png, stats);
        byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
        assertThat(head).containsExactly(0x89, 'P', 'N', 'G');
        assertThat(stats.text()).contains("split val").contains("6x5 x1");
    }

    @Test
    void binaryMasksStoredAs0And255CountBothClasses() {
        Path root = DatasetFixtures.binaryFolder(tmp.resolve("b"), DatasetFixtures.BINARY_CLASSES, "x", "y");
        DatasetStats stats = DatasetStats.of(List.of(SegmentationDataset.open(root, null, "all")));
        var all = stats.splits().get("all");
        assertThat(all.pixelCounts()).containsExactly(12, 12);
        assertThat(all.voidPixels()).isZero();
        assertThat(stats.warnings(0.5)).isEmpty();
        assertThat(stats.text()).contains("0.00% void");
    }

    @Test
    void binaryMasksWithoutValuesAreWarnedAbout() {
        Path root = DatasetFixtures.binaryFolder(tmp.resolve("b"), DatasetFixtures.BINARY_CLASSES_WITHOUT_VALUES, "x");
        DatasetStats stats = DatasetStats.of(List.of(SegmentationDataset.open(root, null, "all")));
        assertThat(stats.splits().get("all").pixelCounts()).containsExactly(6, 0);
        assertThat(stats.warnings(0.4)).hasSize(2).first().asString()
                .isEqualTo("split all: class cell (id 1) has no pixels in the 1 mask");
    }
}
