package org.seg4j.data.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.DatasetFixtures;
import org.seg4j.data.DatasetOptions;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.TestImages;

class DatasetCheckTest {

    @TempDir
    Path tmp;

    /** One of each problem next to a good pair. */
    static Path brokenFolder(Path root) throws Exception {
        DatasetFixtures.folder(root, "good", "nomask", "size", "labels", "truncated", "uniform");
        Files.delete(root.resolve("masks/nomask.png"));
        TestImages.grayPng(root.resolve("masks/size.png"), 5, 3, 0);
        TestImages.grayPng(root.resolve("masks/labels.png"), 4, 3, 0, 7);
        TestImages.truncate(root.resolve("images/truncated.png"), 40);
        PngFiles.writeRgb(root.resolve("images/uniform.png"), RgbImage.blank(4, 3));
        TestImages.grayPng(root.resolve("masks/orphan.png"), 4, 3, 0);
        return root;
    }

    @Test
    void findsEveryKindOfProblem() throws Exception {
        Path root = brokenFolder(tmp.resolve("d"));
        SegmentationDataset ds = SegmentationDataset.open(root, "folder", "all",
                DatasetOptions.builder().optCheckFiles(false).build());
        DatasetCheck check = DatasetCheck.run(ds, DatasetCheck.DEFAULT_UNIFORM_STD);
        assertThat(check.report().badIds()).containsExactly("labels", "nomask", "size", "truncated");
        assertThat(check.orphanMasks()).containsExactly(root.resolve("masks/orphan.png"));
        assertThat(check.errorCount()).isEqualTo(5);
        assertThat(check.report().warnings()).singleElement()
                .satisfies(w -> assertThat(w.message()).contains("uniform.png: nearly uniform image"));
        String text = String.join("\n", check.lines());
        assertThat(text).contains("no mask for this image").contains("label value 7")
                .contains("is 4x3 but its mask").contains("orphan.png: mask has no image");
        Map<String, Object> json = DatasetCheck.toJson(root, "folder", List.of(check));
        assertThat(json).containsEntry("errors", 5).containsEntry("warnings", 1);
    }

    @Test
    void luminanceStdOfTwoLevels() {
        RgbImage img = RgbImage.blank(2, 1);
        img.setRgb(1, 0, 0x646464);
        assertThat(DatasetCheck.luminanceStd(img)).isCloseTo(50, org.assertj.core.api.Assertions.within(0.01));
    }

    @Test
    void binaryMasksWithAValuesMapCountBothClassesAndRaiseNoWarning() {
        Path root = DatasetFixtures.binaryFolder(tmp.resolve("b"), DatasetFixtures.BINARY_CLASSES, "x", "y");
        DatasetCheck check = DatasetCheck.run(SegmentationDataset.open(root, "folder", "all"),
                DatasetCheck.DEFAULT_UNIFORM_STD);
        assertThat(check.errorCount()).isZero();
        assertThat(check.warningCount()).isZero();
        assertThat(check.lines()).containsExactly("split all: 2 samples, 0 errors, 0 warnings");
    }

    @Test
    void binaryMasksReadAsVoidAreWarnedAboutWithTheValuesHint() {
        Path root = DatasetFixtures.binaryFolder(tmp.resolve("b"), DatasetFixtures.BINARY_CLASSES_WITHOUT_VALUES,
                "x", "y");
        DatasetCheck check = DatasetCheck.run(SegmentationDataset.open(root, "folder", "all"),
                DatasetCheck.DEFAULT_UNIFORM_STD, 0.4);
        assertThat(check.errorCount()).isZero();
        assertThat(check.classWarnings()).hasSize(2);
        assertThat(check.classWarnings().get(0)).isEqualTo("split all: class cell (id 1) has no pixels in the 2 masks");
        assertThat(check.classWarnings().get(1))
                .startsWith("split all: 50.0% of the pixels of the 2 masks are void (more than 40%)")
                .contains("masks are read as membrane=0, cell=1, void=254 or 255")
                .endsWith("with values: {0: membrane, 255: cell}");
        assertThat(check.lines()).first().isEqualTo("split all: 2 samples, 0 errors, 2 warnings");
        assertThat(check.lines()).contains("  warning: split all: class cell (id 1) has no pixels in the 2 masks");
        Map<String, Object> json = DatasetCheck.toJson(root, "folder", List.of(check));
        assertThat(json).containsEntry("errors", 0).containsEntry("warnings", 2);
        // at the default threshold (50%) an even split is not "mostly void"; the empty class still is
        assertThat(DatasetCheck.run(SegmentationDataset.open(root, "folder", "all"), 2.0).classWarnings())
                .singleElement().asString().contains("class cell (id 1) has no pixels").endsWith("255: cell}");
    }
}
