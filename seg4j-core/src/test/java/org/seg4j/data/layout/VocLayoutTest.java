package org.seg4j.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.DatasetFixtures;

class VocLayoutTest {

    @TempDir
    Path root;

    private final VocLayout layout = new VocLayout();

    @Test
    void readsSplitListsSkippingBlankLines() throws IOException {
        DatasetFixtures.voc(root, new String[] {"2007_000033", "2007_000042"}, new String[] {"2007_000129"});
        Files.writeString(root.resolve("ImageSets/Segmentation/train.txt"), "2007_000042\n\n  2007_000033  \n");
        assertThat(layout.splits(root)).containsExactly("train", "val");
        assertThat(layout.entries(root, "train")).containsExactly(
                new DatasetEntry("2007_000033", root.resolve("JPEGImages/2007_000033.jpg"),
                        root.resolve("SegmentationClass/2007_000033.png")),
                new DatasetEntry("2007_000042", root.resolve("JPEGImages/2007_000042.jpg"),
                        root.resolve("SegmentationClass/2007_000042.png")));
        assertThat(layout.builtInClasses()).contains(ClassMeta.voc());
        assertThat(layout.recognize(root)).hasValueSatisfying(r -> assertThat(r).contains("Pascal VOC"));
    }

    @Test
    void missingSplitListIsAnError() {
        DatasetFixtures.voc(root, new String[] {"a"}, new String[] {"b"});
        Path list = root.resolve("ImageSets/Segmentation/trainval.txt");
        assertThatThrownBy(() -> layout.entries(root, "trainval"))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(list + ": split list not found; available splits: train, val");
    }
}
