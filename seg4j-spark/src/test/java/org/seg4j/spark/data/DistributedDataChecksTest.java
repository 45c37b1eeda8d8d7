package org.seg4j.spark.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.DatasetOptions;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.quality.DatasetCheck;
import org.seg4j.data.quality.DatasetStats;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.spark.LocalSpark;

/** The Spark jobs give the numbers of the single-machine {@code data stats} and {@code data validate}. */
class DistributedDataChecksTest {

    @TempDir
    static Path dir;

    static Path data;

    @BeforeAll
    static void setUp() throws IOException {
        data = dir.resolve("synth");
        SyntheticStreetScenes.writeDataset(data, 11, 5, 7, 36, 48);
        // one truncated image, one uniform image, one mask without an image: errors and warnings to find
        try (var files = Files.list(data.resolve("train/images"))) {
            List<Path> images = files.sorted().toList();
            byte[] png = Files.readAllBytes(images.get(3));
            Files.write(images.get(3), java.util.Arrays.copyOf(png, png.length / 3));
            byte[] gray = org.seg4j.infer.Images.encodePng(new java.awt.image.BufferedImage(48, 36,
                    java.awt.image.BufferedImage.TYPE_INT_RGB));
            Files.write(images.get(6), gray);
        }
        Files.copy(data.resolve("val/masks").resolve(firstName(data.resolve("val/masks"))),
                data.resolve("train/masks/orphan.png"));
    }

    private static String firstName(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.sorted().findFirst().orElseThrow().getFileName().toString();
        }
    }

    private static SegmentationDataset open(String split) {
        return SegmentationDataset.open(data, null, split, DatasetOptions.builder().optCheckFiles(false).build());
    }

    @Test
    void validationFindsTheSameErrorsAndWarningsAsTheSingleMachineCheck() {
        SparkSession spark = LocalSpark.session();
        for (String split : List.of("train", "val")) {
            DatasetCheck local = DatasetCheck.run(open(split), 2.0, 0.5);
            DatasetCheck distributed = DistributedValidation.check(spark, SplitRef.open(data, null, split), 2.0, 0.5, 4);
            assertThat(distributed.lines()).isEqualTo(local.lines());
            assertThat(DatasetCheck.toJson(data, "folder", List.of(distributed)))
                    .isEqualTo(DatasetCheck.toJson(data, "folder", List.of(local)));
        }
        DatasetCheck train = DistributedValidation.check(spark, SplitRef.open(data, null, "train"), 2.0, 0.5, 3);
        assertThat(train.errorCount()).isEqualTo(2);
        assertThat(train.warningCount()).isGreaterThanOrEqualTo(1);
        assertThat(String.join("\n", train.lines())).contains("truncated").contains("nearly uniform")
                .contains("orphan.png");
    }

    @Test
    void statisticsEqualTheSingleMachineStatistics() throws IOException {
        SparkSession spark = LocalSpark.session();
        // statistics need readable masks and images: drop the damaged sample as --skip-bad would
        Path clean = dir.resolve("clean");
        SyntheticStreetScenes.writeDataset(clean, 9, 4, 11, 36, 48);
        DatasetStats local = DatasetStats.of(List.of(
                SegmentationDataset.open(clean, null, "train"), SegmentationDataset.open(clean, null, "val")));
        DatasetStats distributed = DistributedDataStats.compute(spark,
                List.of(SplitRef.open(clean, null, "train"), SplitRef.open(clean, null, "val")), 4);
        assertThat(distributed.toJson()).isEqualTo(local.toJson());
        assertThat(distributed.text()).isEqualTo(local.text());
    }

    @Test
    void slicesCoverTheSplitOnce() {
        SplitRef ref = SplitRef.open(data, null, "val");
        List<int[]> ranges = ref.ranges(LocalSpark.session(), 3).collect();
        assertThat(ranges).hasSize(3);
        assertThat(ranges.get(0)[0]).isZero();
        assertThat(ranges.get(2)[1]).isEqualTo(ref.size());
        for (int i = 1; i < ranges.size(); i++) {
            assertThat(ranges.get(i)[0]).isEqualTo(ranges.get(i - 1)[1]);
        }
    }
}
