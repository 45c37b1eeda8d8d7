package org.seg4j.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.TestImages;

class CityscapesLayoutTest {

    @TempDir
    Path tmp;

    private Path sample(Path root, String split, String city, String id, String suffix, int... values) {
        TestImages.rgbPng(root.resolve("leftImg8bit").resolve(split).resolve(city).resolve(id + "_leftImg8bit.png"),
                4, 1);
        return TestImages.grayPng(root.resolve("gtFine").resolve(split).resolve(city).resolve(id + suffix), 4, 1,
                values);
    }

    @Test
    void labelIdsAreMappedToThe19TrainIds() {
        Path root = tmp.resolve("cs");
        sample(root, "train", "aachen", "aachen_000000_000019", CityscapesLayout.LABEL_IDS_SUFFIX, 7, 26, 0, 33);
        sample(root, "train", "bonn", "bonn_000001_000019", CityscapesLayout.LABEL_IDS_SUFFIX, 23, 24, 1, 4);
        assertThat(DatasetLayouts.detect(root).layout().name()).isEqualTo("cityscapes");
        SegmentationDataset ds = SegmentationDataset.open(root, null, "train");
        assertThat(ds.classes().numClasses()).isEqualTo(19);
        assertThat(ds.id(0)).isEqualTo("aachen_000000_000019");
        LabelMask a = ds.loadMask(0);
        // road (7) -> 0, car (26) -> 13, unlabeled (0) -> void, bicycle (33) -> 18
        assertThat(new int[] {a.get(0, 0), a.get(1, 0), a.get(2, 0), a.get(3, 0)})
                .containsExactly(0, 13, LabelMask.IGNORE, 18);
        LabelMask b = ds.loadMask(1);
        assertThat(new int[] {b.get(0, 0), b.get(1, 0), b.get(2, 0), b.get(3, 0)})
                .containsExactly(10, 11, LabelMask.IGNORE, LabelMask.IGNORE);
    }

    @Test
    void trainIdFilesAreReadAsClassIds() {
        Path root = tmp.resolve("cs");
        sample(root, "val", "lindau", "lindau_000000_000019", CityscapesLayout.TRAIN_IDS_SUFFIX, 0, 13, 255, 18);
        LabelMask m = SegmentationDataset.open(root, "cityscapes", "val").loadMask(0);
        assertThat(new int[] {m.get(0, 0), m.get(1, 0), m.get(2, 0), m.get(3, 0)})
                .containsExactly(0, 13, LabelMask.IGNORE, 18);
    }

    @Test
    void listsOrphanMasksAndMissingSplits() {
        Path root = tmp.resolve("cs");
        sample(root, "train", "aachen", "aachen_1", CityscapesLayout.LABEL_IDS_SUFFIX, 7, 7, 7, 7);
        Path orphan = TestImages.grayPng(root.resolve("gtFine/train/aachen/aachen_2_gtFine_labelIds.png"), 4, 1,
                7, 7, 7, 7);
        CityscapesLayout layout = new CityscapesLayout();
        assertThat(layout.orphanMasks(root, "train")).containsExactly(orphan);
        assertThatThrownBy(() -> layout.entries(root, "test"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("no split 'test'")
                .hasMessageContaining("available splits: train");
    }
}
