package org.seg4j.data.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.DatasetFixtures;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.LabelMask;
import org.seg4j.data.MaskEncoding;
import org.seg4j.data.SegmentationDataset;

class LayoutWriterTest {

    @TempDir
    Path tmp;

    /** camvid fixture -> every layout and mask format -> read back: same ids and labels. */
    @Test
    void everyLayoutAndMaskFormatRoundTrips() {
        Path src = DatasetFixtures.camvid(tmp.resolve("src"), 2, "train", "val");
        DatasetFixtures.fourClasses().write(src.resolve(ClassMeta.FILE_NAME));
        for (String layout : new String[] {"folder", "camvid", "voc", "cityscapes"}) {
            for (MaskFormat format : MaskFormat.values()) {
                Path out = tmp.resolve(layout + "-" + format);
                LayoutWriter writer = new LayoutWriter(out, layout, DatasetFixtures.fourClasses(), format);
                for (String split : new String[] {"train", "val"}) {
                    SegmentationDataset ds = SegmentationDataset.open(src, "camvid", split);
                    assertThat(DatasetCopier.copy(ds, writer, id -> true)).isEqualTo(2);
                }
                assertThat(writer.finish()).isEqualTo(4);
                for (String split : new String[] {"train", "val"}) {
                    SegmentationDataset a = SegmentationDataset.open(src, "camvid", split);
                    SegmentationDataset b = SegmentationDataset.open(out, layout, split);
                    assertThat(b.size()).as(layout + " " + format).isEqualTo(2);
                    for (int i = 0; i < 2; i++) {
                        assertThat(b.id(i)).isEqualTo(a.id(i));
                        assertThat(b.loadMask(i).data()).as(layout + " " + format).isEqualTo(a.loadMask(i).data());
                    }
                }
            }
        }
    }

    @Test
    void colourMasksAreRgbFilesAndIndexMasksGray() {
        Path out = tmp.resolve("o");
        LayoutWriter writer = new LayoutWriter(out, "folder", DatasetFixtures.fourClasses(), MaskFormat.COLOR);
        LabelMask mask = new LabelMask(2, 1, new byte[] {1, (byte) 255});
        writer.writeMask(out.resolve("c.png"), mask);
        assertThat(MaskEncoding.of(ImageFiles.decode(out.resolve("c.png"), 100))).isEqualTo(MaskEncoding.COLOR);
        assertThat(writer.colours(mask).rgb(0, 0)).isEqualTo(0x001400);
        assertThat(writer.colours(mask).rgb(1, 0)).isEqualTo(0);
    }

    @Test
    void refusesToOverwriteADataSetOrWriteInsideTheSource() throws Exception {
        Path src = DatasetFixtures.folder(tmp.resolve("src"), "a");
        assertThatThrownBy(() -> new LayoutWriter(src, "folder", DatasetFixtures.fourClasses(), null))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("already holds a data set");
        LayoutWriter inside = new LayoutWriter(src.resolve("copy"), "folder", DatasetFixtures.fourClasses(), null);
        SegmentationDataset ds = SegmentationDataset.open(src, "folder", "all");
        assertThatThrownBy(() -> DatasetCopier.copy(ds, inside, id -> true))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("inside the source");
        LayoutWriter camvid = new LayoutWriter(tmp.resolve("cv"), "camvid", DatasetFixtures.fourClasses(), null);
        assertThatThrownBy(() -> DatasetCopier.copy(ds, camvid, id -> true))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("only the splits train, val and test");
        assertThat(Files.exists(tmp.resolve("cv/classes.yaml"))).isFalse();
    }

    @Test
    void copiedBinaryMasksAreStoredAsClassIdsWithoutTheValuesMap() throws Exception {
        Path src = DatasetFixtures.binaryFolder(tmp.resolve("bin"), DatasetFixtures.BINARY_CLASSES, "x");
        SegmentationDataset ds = SegmentationDataset.open(src, "folder", "all");
        LayoutWriter writer = new LayoutWriter(tmp.resolve("copy"), "folder", ds.classes(), null);
        DatasetCopier.copy(ds, writer, id -> true);
        writer.finish();
        ClassMeta written = ClassMeta.read(tmp.resolve("copy").resolve(ClassMeta.FILE_NAME));
        assertThat(written.values()).isEmpty();
        assertThat(written.names()).containsExactly("membrane", "cell");
        LabelMask copy = SegmentationDataset.open(tmp.resolve("copy"), "folder", "all").loadMask(0);
        assertThat(copy.data()).containsExactly(ds.loadMask(0).data());
        assertThat(new int[] {copy.get(0, 0), copy.get(1, 0)}).containsExactly(0, 1);
    }
}
