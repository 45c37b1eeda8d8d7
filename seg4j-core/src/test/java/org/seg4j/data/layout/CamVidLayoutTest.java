package org.seg4j.data.layout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.DatasetFixtures;

class CamVidLayoutTest {

    @TempDir
    Path root;

    private final CamVidLayout layout = new CamVidLayout();

    @Test
    void listsSplitsAndPairsByName() {
        DatasetFixtures.camvid(root, 2, "train", "val");
        assertThat(layout.splits(root)).containsExactly("train", "val");
        assertThat(layout.entries(root, "val")).containsExactly(
                new DatasetEntry("val_0", root.resolve("val/val_0.png"), root.resolve("valannot/val_0.png")),
                new DatasetEntry("val_1", root.resolve("val/val_1.png"), root.resolve("valannot/val_1.png")));
        assertThat(layout.builtInClasses()).contains(ClassMeta.camvid());
        assertThat(layout.recognize(root)).contains("found train/ + trainannot/, val/ + valannot/: CamVid layout");
    }

    @Test
    void unknownOrAbsentSplitIsAnError() {
        DatasetFixtures.camvid(root, 1, "train");
        assertThatThrownBy(() -> layout.entries(root, "val"))
                .isInstanceOf(Seg4jException.class)
                .hasMessage(root + ": split 'val' not found (no val/ folder); available: train");
        assertThatThrownBy(() -> layout.entries(root, "all"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("CamVid has no split 'all'");
    }
}
