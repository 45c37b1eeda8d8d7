package org.seg4j.data.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.MaskReader;
import org.seg4j.data.PngFiles;

/** The ISBI conversion on a generated stack (not the real data). */
class IsbiInstanceConverterTest {

    @TempDir
    Path dir;

    /**
     * An 8x6 slice: a vertical membrane at x = 3 and a diagonal one-pixel membrane in the right
     * part, across which two cells touch at corners; 4-connectivity keeps them apart: 3 cells.
     */
    @Test
    void eachFourConnectedCellRegionIsOneInstance() {
        String[] rows = {
            "###.###.",
            "###.##.#",
            "###.#.##",
            "###..###",
            "###.####",
            "###.####"};
        writeSlice("0", rows);
        writeSlice("1", new String[] {"########", "########", "........", "........", "########", "########"});
        int n = IsbiInstanceConverter.convert(dir.resolve("isbi"), dir.resolve("out"), null);
        assertThat(n).isEqualTo(2);
        ClassMeta classes = ClassMeta.read(dir.resolve("out/classes.yaml"));
        assertThat(classes.isThing(classes.idOf("cell"))).isTrue();
        assertThat(classes.isThing(classes.idOf("membrane"))).isFalse();
        PanopticAnnotation a = InstancePng.read(dir.resolve("out/masks/0.png"), new MaskReader(classes));
        assertThat(a.segments()).filteredOn(s -> s.classId() == 1).hasSize(3);
        assertThat(a.segments()).noneMatch(Segment::crowd);
        int[] ids = InstancePng.readIds(dir.resolve("out/instances/0.png"));
        assertThat(ids[0]).isEqualTo(1);
        assertThat(ids[4]).isEqualTo(2);
        assertThat(ids[8 + 7]).isEqualTo(3); // (7, 1) touches the cell at (6, 0) only at a corner
        assertThat(ids[7]).isZero();
        assertThat(InstancePng.readIds(dir.resolve("out/instances/1.png"))).contains(1, 2).doesNotContain(3);
    }

    @Test
    void rejectsOtherLabelValues() {
        writeSlice("0", new String[] {"#."});
        BufferedImage bad = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        bad.getRaster().setSample(0, 0, 0, 128);
        PngFiles.write(dir.resolve("isbi/label/0.png"), bad);
        assertThatThrownBy(() -> IsbiInstanceConverter.convert(dir.resolve("isbi"), dir.resolve("out"), null))
                .hasMessageContaining("0.png: pixel (0, 0) has value 128");
    }

    /** '#' is cell (255), '.' membrane (0). */
    private void writeSlice(String name, String[] rows) {
        int w = rows[0].length();
        int h = rows.length;
        BufferedImage label = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                label.getRaster().setSample(x, y, 0, rows[y].charAt(x) == '#' ? 255 : 0);
                image.getRaster().setSample(x, y, 0, (x * 31 + y * 17) % 256);
            }
        }
        PngFiles.write(dir.resolve("isbi/label/" + name + ".png"), label);
        PngFiles.write(dir.resolve("isbi/image/" + name + ".png"), image);
    }
}
