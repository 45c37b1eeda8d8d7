package org.seg4j.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.layout.CamVidLayout;

class SegmentationDatasetTest {

    @TempDir
    Path root;

    @Test
    void opensCamVidByDetectionWithBuiltInClasses() {
        DatasetFixtures.camvid(root, 3, "train", "val");
        SegmentationDataset ds = SegmentationDataset.open(root, null, "train");
        assertThat(ds.layout()).isInstanceOf(CamVidLayout.class);
        assertThat(ds.layoutReason()).contains("CamVid layout");
        assertThat(ds.classes()).isEqualTo(ClassMeta.camvid());
        assertThat(ds.size()).isEqualTo(3);
        assertThat(ds.id(2)).isEqualTo("train_2");
        Sample s = ds.load(1);
        assertThat(s.id()).isEqualTo("train_1");
        assertThat(s.image().data()).isEqualTo(TestImages.gradient(4, 3).data());
        assertThat(s.mask().data()).containsExactly(0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3);
        assertThat(ds).hasToString("camvid split train: 3 samples, 11 classes");
        assertThat(ds.validationReport()).isEmpty();
    }

    @Test
    void sliceKeepsOrderAndLoadsLikeTheWhole() {
        DatasetFixtures.camvid(root, 5, "train");
        SegmentationDataset ds = SegmentationDataset.open(root, null, "train");
        SegmentationDataset slice = ds.slice(1, 4);
        assertThat(slice.size()).isEqualTo(3);
        assertThat(slice.id(0)).isEqualTo("train_1");
        assertThat(slice.id(2)).isEqualTo("train_3");
        assertThat(slice.loadMask(1).data()).isEqualTo(ds.loadMask(2).data());
        assertThat(slice.classes()).isEqualTo(ds.classes());
        assertThatThrownBy(() -> ds.slice(3, 6)).hasMessage("slice 3..6 of a data set with 5 samples");
        assertThatThrownBy(() -> ds.slice(2, 2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void classesYamlOverridesTheBuiltInList() {
        DatasetFixtures.camvid(root, 1, "train");
        DatasetFixtures.fourClasses().write(root.resolve(ClassMeta.FILE_NAME));
        assertThat(SegmentationDataset.open(root, "camvid", "train").classes()).isEqualTo(DatasetFixtures.fourClasses());
    }

    @Test
    void folderWithoutClassesYamlIsAnError() throws IOException {
        DatasetFixtures.folder(root, "a");
        Files.delete(root.resolve(ClassMeta.FILE_NAME));
        assertThatThrownBy(() -> SegmentationDataset.open(root, null, "all"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("no classes.yaml found, and the folder layout has no built-in class list");
        DatasetOptions given = DatasetOptions.builder().optClasses(DatasetFixtures.fourClasses()).build();
        assertThat(SegmentationDataset.open(root, null, "all", given).size()).isEqualTo(1);
    }

    @Test
    void vocPaletteMasksAndJpegImages() {
        DatasetFixtures.voc(root, new String[] {"x1", "x2"}, new String[] {"y1"});
        SegmentationDataset ds = SegmentationDataset.open(root, null, "train");
        assertThat(ds.classes()).isEqualTo(ClassMeta.voc());
        assertThat(ds.load(0).mask().data()).containsExactly(0, 15, (byte) 255, 20, 0, 15, (byte) 255, 20, 0, 15,
                (byte) 255, 20);
    }

    @Test
    void colourMasks() {
        ClassMeta meta = DatasetFixtures.fourClasses();
        DatasetFixtures.folder(root, "a");
        TestImages.colourPng(root.resolve("masks/a.png"), 4, 3, meta.classes().get(2).rgb(), 0x000000);
        assertThat(SegmentationDataset.open(root, "folder", "all").load(0).mask().data())
                .containsExactly(2, (byte) 255, 2, (byte) 255, 2, (byte) 255, 2, (byte) 255, 2, (byte) 255, 2,
                        (byte) 255);
    }

    @Test
    void missingMaskNamesImageAndExpectedMask() throws IOException {
        DatasetFixtures.folder(root, "a", "b");
        Files.delete(root.resolve("masks/b.png"));
        assertThatThrownBy(() -> SegmentationDataset.open(root, null, "all"))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(root.resolve("images/b.png") + ": no mask for this image; expected "
                        + root.resolve("masks/b.png"));
    }

    @Test
    void sizeMismatchNamesBothFilesAndSizes() {
        DatasetFixtures.folder(root, "a");
        TestImages.grayPng(root.resolve("masks/a.png"), 2, 3, 0);
        SegmentationDataset ds = SegmentationDataset.open(root, null, "all");
        assertThatThrownBy(() -> ds.load(0))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(root.resolve("images/a.png") + ": image is 4x3 but its mask " + root.resolve("masks/a.png")
                        + " is 2x3");
    }

    @Test
    void emptySplitIsAnError() throws IOException {
        Files.createDirectories(root.resolve("images"));
        DatasetFixtures.fourClasses().write(root.resolve(ClassMeta.FILE_NAME));
        assertThatThrownBy(() -> SegmentationDataset.open(root, null, "all"))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(root + ": split 'all' (folder layout) has no images");
    }

    @Test
    void unlabelledSplitNeedsRequireMasksOff() {
        TestImages.rgbPng(root.resolve("images/a.png"), 2, 2);
        DatasetFixtures.fourClasses().write(root.resolve(ClassMeta.FILE_NAME));
        assertThatThrownBy(() -> SegmentationDataset.open(root, null, "all"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("split 'all' has no mask folder");
        SegmentationDataset ds = SegmentationDataset.open(root, null, "all",
                DatasetOptions.builder().optRequireMasks(false).build());
        assertThat(ds.load(0).mask()).isNull();
    }

    @Test
    void badFilesThrowOnLoadWithoutSkipBad() throws IOException {
        DatasetFixtures.folder(root, "a", "b");
        TestImages.grayPng(root.resolve("masks/b.png"), 4, 3, 0, 17);
        SegmentationDataset ds = SegmentationDataset.open(root, null, "all");
        assertThat(ds.load(0).id()).isEqualTo("a");
        assertThatThrownBy(() -> ds.load(1))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(root.resolve("masks/b.png") + ": label value 17 at (1,0) is outside the class list 0..3");
    }

    @Test
    void validateReportsEveryBadSampleAndWithoutDropsThem() throws IOException {
        DatasetFixtures.folder(root, "a", "b", "c", "d", "e");
        TestImages.grayPng(root.resolve("masks/b.png"), 4, 3, 9);
        TestImages.truncate(root.resolve("images/c.png"), 30);
        TestImages.grayPng(root.resolve("masks/e.png"), 5, 3, 0);
        SegmentationDataset ds = SegmentationDataset.open(root, null, "all");
        Files.delete(root.resolve("masks/d.png"));

        ValidationReport report = ds.validate();
        assertThat(report.checked()).isEqualTo(5);
        assertThat(report.badIds()).containsExactly("b", "c", "d", "e");
        assertThat(report.problems().get(0).message()).contains("label value 9");
        assertThat(report.problems().get(1).message()).startsWith(root.resolve("images/c.png") + ": corrupt");
        assertThat(report.problems().get(2).message()).contains("no mask for this image");
        assertThat(report.problems().get(3).message()).contains("is 5x3");
        assertThat(report.summary()).isEqualTo("checked 5 samples: 4 bad");
        assertThat(report.toString()).contains("skipped c: ");

        SegmentationDataset good = ds.without(report.badIds());
        assertThat(good.size()).isEqualTo(1);
        assertThat(good.id(0)).isEqualTo("a");
        assertThat(good.validate().isClean()).isTrue();
    }

    @Test
    void skipBadValidatesWhenOpening() throws IOException {
        DatasetFixtures.folder(root, "a", "b", "c");
        Files.delete(root.resolve("masks/a.png"));
        TestImages.hugeDeclaredPng(root.resolve("images/c.png"), 100_000, 100_000);
        DatasetOptions skip = DatasetOptions.builder().optSkipBad(true).build();
        SegmentationDataset ds = SegmentationDataset.open(root, null, "all", skip);
        assertThat(ds.size()).isEqualTo(1);
        assertThat(ds.id(0)).isEqualTo("b");
        assertThat(ds.validationReport()).hasValueSatisfying(r -> {
            assertThat(r.badIds()).containsExactly("a", "c");
            assertThat(r.problems().get(1).message()).contains("over the limit of 100 MP");
        });
    }

    @Test
    void skipBadWithNothingGoodIsAnError() throws IOException {
        DatasetFixtures.folder(root, "a");
        TestImages.grayPng(root.resolve("masks/a.png"), 4, 3, 200);
        assertThatThrownBy(() -> SegmentationDataset.open(root, null, "all",
                        DatasetOptions.builder().optSkipBad(true).build()))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("all 1 samples of split 'all' are bad; the first: ")
                .hasMessageContaining("label value 200");
    }

    @Test
    void maxPixelsOptionApplies() {
        DatasetFixtures.folder(root, "a");
        SegmentationDataset ds = SegmentationDataset.open(root, null, "all",
                DatasetOptions.builder().optMaxPixels(11).build());
        assertThatThrownBy(() -> ds.load(0)).hasMessageContaining("image is 4x3");
    }

    @Test
    void fingerprintIsStableAndTracksFiles() throws IOException {
        DatasetFixtures.folder(root, "a", "b");
        String first = SegmentationDataset.open(root, null, "all").fingerprint();
        assertThat(first).matches("[0-9a-f]{16}");
        assertThat(SegmentationDataset.open(root, null, "all").fingerprint()).isEqualTo(first);

        TestImages.rgbPng(root.resolve("images/b.png"), 8, 6);
        String resized = SegmentationDataset.open(root, null, "all").fingerprint();
        assertThat(resized).isNotEqualTo(first);

        DatasetFixtures.pair(root.resolve("images"), root.resolve("masks"), "c", 4, 3);
        SegmentationDataset more = SegmentationDataset.open(root, null, "all");
        assertThat(more.fingerprint()).isNotEqualTo(resized);
        assertThat(more.without(List.of("c")).fingerprint()).isEqualTo(resized);
    }

    @Test
    void fingerprintDoesNotDependOnWhereTheDataSetLives() throws IOException {
        DatasetFixtures.folder(root.resolve("one"), "a", "b");
        DatasetFixtures.folder(root.resolve("two"), "a", "b");
        assertThat(SegmentationDataset.open(root.resolve("two"), null, "all").fingerprint())
                .isEqualTo(SegmentationDataset.open(root.resolve("one"), null, "all").fingerprint());
    }

    @Test
    void parallelLoadsMatchSequentialOnes() {
        DatasetFixtures.camvid(root, 12, "train");
        SegmentationDataset ds = SegmentationDataset.open(root, "camvid", "train");
        List<Sample> sequential = IntStream.range(0, ds.size()).mapToObj(ds::load).toList();
        List<Sample> parallel = IntStream.range(0, ds.size()).parallel().mapToObj(ds::load).toList();
        for (int i = 0; i < ds.size(); i++) {
            assertThat(parallel.get(i).id()).isEqualTo(sequential.get(i).id());
            assertThat(parallel.get(i).mask().data()).isEqualTo(sequential.get(i).mask().data());
            assertThat(parallel.get(i).image().data()).isEqualTo(sequential.get(i).image().data());
        }
    }

    @Test
    void badArgumentsGiveClearErrors() {
        assertThatThrownBy(() -> SegmentationDataset.open(root.resolve("nope"), null, "train"))
                .hasMessage(root.resolve("nope") + ": data set folder not found");
        DatasetFixtures.camvid(root, 1, "train");
        assertThatThrownBy(() -> SegmentationDataset.open(root, "ade20k", "train"))
                .hasMessageStartingWith("unknown data set layout 'ade20k'");
    }
}
