package org.seg4j.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.DatasetFixtures;

class DatasetLayoutsTest {

    @TempDir
    Path dir;

    @Test
    void registryByName() {
        assertThat(DatasetLayouts.names()).containsExactly("voc", "cityscapes", "camvid", "folder");
        assertThat(DatasetLayouts.byName("CamVid")).isInstanceOf(CamVidLayout.class);
        assertThat(DatasetLayouts.byName("folder")).isInstanceOf(FolderLayout.class);
        assertThatThrownBy(() -> DatasetLayouts.byName("coco"))
                .isInstanceOf(Seg4jException.class)
                .hasMessage("unknown data set layout 'coco'; valid layouts: voc, cityscapes, camvid, folder");
    }

    @Test
    void detectsEachLayoutWithAReason() {
        Path camvid = DatasetFixtures.camvid(dir.resolve("camvid"), 1, "train", "val");
        Path voc = DatasetFixtures.voc(dir.resolve("voc"), new String[] {"a"}, new String[] {"b"});
        Path folder = DatasetFixtures.folder(dir.resolve("folder"), "a");
        Path splitFolder = DatasetFixtures.folder(dir.resolve("split/train"), "a").getParent();

        assertThat(DatasetLayouts.detect(camvid).layout()).isInstanceOf(CamVidLayout.class);
        assertThat(DatasetLayouts.detect(camvid).reason()).contains("trainannot/");
        assertThat(DatasetLayouts.detect(voc).layout()).isInstanceOf(VocLayout.class);
        assertThat(DatasetLayouts.detect(folder).layout()).isInstanceOf(FolderLayout.class);
        assertThat(DatasetLayouts.detect(splitFolder).layout()).isInstanceOf(FolderLayout.class);
        assertThat(DatasetLayouts.detect(splitFolder).reason()).contains("train/images/");
    }

    @Test
    void pointsAtASubfolderThatMatches() {
        DatasetFixtures.voc(dir.resolve("VOCdevkit/VOC2012"), new String[] {"a"}, new String[] {"b"});
        assertThatThrownBy(() -> DatasetLayouts.detect(dir.resolve("VOCdevkit")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("(but " + dir.resolve("VOCdevkit/VOC2012") + " looks like the voc layout)");
    }

    @Test
    void nothingMatchingIsAClearError() throws IOException {
        Files.createDirectories(dir.resolve("pictures"));
        assertThatThrownBy(() -> DatasetLayouts.detect(dir))
                .isInstanceOf(Seg4jException.class)
                .hasMessageStartingWith(dir + ": no known data set layout found; expected one of voc: ")
                .hasMessageContaining("camvid: ")
                .hasMessageContaining("folder: ");
        assertThatThrownBy(() -> DatasetLayouts.detect(dir.resolve("missing")))
                .hasMessage(dir.resolve("missing") + ": data set folder not found");
    }
}
