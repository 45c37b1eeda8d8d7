package org.seg4j.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.BufferedImages;
import org.seg4j.data.DatasetFixtures;
import org.seg4j.data.TestImages;

class FolderLayoutTest {

    @TempDir
    Path root;

    private final FolderLayout layout = new FolderLayout();

    @Test
    void unsplitFolderHasOneSplitAllMatchedByStemAcrossExtensions() throws IOException {
        TestImages.writeImageIo(root.resolve("images/b.jpg"),
                BufferedImages.toBufferedImage(TestImages.gradient(2, 2)), "jpg");
        TestImages.rgbPng(root.resolve("images/a.png"), 2, 2);
        TestImages.grayPng(root.resolve("masks/a.png"), 2, 2, 0);
        TestImages.grayPng(root.resolve("masks/b.bmp"), 2, 2, 0);
        Files.writeString(root.resolve("images/readme.txt"), "not an image");
        Files.writeString(root.resolve("images/.hidden.png"), "skipped");

        assertThat(layout.splits(root)).containsExactly("all");
        List<DatasetEntry> entries = layout.entries(root, "all");
        assertThat(entries).containsExactly(
                new DatasetEntry("a", root.resolve("images/a.png"), root.resolve("masks/a.png")),
                new DatasetEntry("b", root.resolve("images/b.jpg"), root.resolve("masks/b.bmp")));
        assertThat(layout.recognize(root)).hasValueSatisfying(r -> assertThat(r).contains("images/ and masks/", "'all'"));
    }

    @Test
    void missingMaskGetsItsExpectedPath() {
        DatasetFixtures.folder(root, "a");
        TestImages.rgbPng(root.resolve("images/c.png"), 4, 3);
        assertThat(layout.entries(root, "all").get(1))
                .isEqualTo(new DatasetEntry("c", root.resolve("images/c.png"), root.resolve("masks/c.png")));
    }

    @Test
    void noMaskFolderMeansNoMasks() {
        TestImages.rgbPng(root.resolve("images/a.png"), 2, 2);
        assertThat(layout.entries(root, "all")).containsExactly(new DatasetEntry("a", root.resolve("images/a.png"), null));
    }

    @Test
    void unsplitFolderRefusesTrainAndVal() {
        DatasetFixtures.folder(root, "a");
        assertThatThrownBy(() -> layout.entries(root, "train"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining(root.toString())
                .hasMessageContaining("no split 'train'")
                .hasMessageContaining("use split 'all'");
    }

    @Test
    void splitFolders() {
        DatasetFixtures.folder(root.resolve("train"), "a", "b");
        DatasetFixtures.folder(root.resolve("val"), "c");
        assertThat(layout.splits(root)).containsExactly("train", "val");
        assertThat(layout.entries(root, "val")).extracting(DatasetEntry::id).containsExactly("c");
        assertThat(layout.entries(root, "train").get(1).mask()).isEqualTo(root.resolve("train/masks/b.png"));
        assertThat(layout.recognize(root)).hasValueSatisfying(r -> assertThat(r).contains("train, val"));
        assertThatThrownBy(() -> layout.entries(root, "test"))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(root + ": no split 'test' (no test/images/ folder); available splits: train, val");
    }

    @Test
    void duplicateStemsAreAnError() {
        TestImages.rgbPng(root.resolve("images/a.png"), 2, 2);
        TestImages.writeImageIo(root.resolve("images/a.jpg"),
                BufferedImages.toBufferedImage(TestImages.gradient(2, 2)), "jpg");
        assertThatThrownBy(() -> layout.entries(root, "all"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("two files with the stem 'a' (a.jpg, a.png)");
    }

    @Test
    void doesNotRecogniseOtherFolders() {
        DatasetFixtures.camvid(root, 1, "train");
        assertThat(layout.recognize(root)).isEmpty();
    }
}
