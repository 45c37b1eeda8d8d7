package org.seg4j.data.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.MaskReader;
import org.seg4j.data.PngFiles;
import org.seg4j.data.RgbImage;

/** COCO instances into the folder layout, instances kept. */
class CocoInstanceImporterTest {

    @TempDir
    Path dir;

    @Test
    void keepsInstancesAndCrowdBesideTheClassMasks() {
        // a COCO file of the sample's things: cars 2 and 3 and a car crowd region; road becomes background
        CocoInstances.write(dir.resolve("inst.json"),
                List.of(new CocoInstances.Image(1, "a.jpg", InstanceFormatsTest.sample(), Map.of())),
                InstanceFormatsTest.CLASSES.withThings(List.of("car")));
        PngFiles.writeRgb(dir.resolve("img/a.jpg"), RgbImage.blank(4, 2));
        int n = CocoInstanceImporter.importTo(dir.resolve("inst.json"), dir.resolve("img"), dir.resolve("out"),
                "train");
        assertThat(n).isEqualTo(1);
        ClassMeta classes = ClassMeta.read(dir.resolve("out/classes.yaml"));
        assertThat(classes.names()).containsExactly("background", "road", "car");
        assertThat(classes.isThing(2)).isTrue();
        assertThat(classes.isThing(0)).isFalse();
        PanopticAnnotation a = InstancePng.read(dir.resolve("out/train/masks/a.png"), new MaskReader(classes));
        // background where no annotation lies (road and void of the sample), two cars, one crowd region
        assertThat(a.classMask().data()).containsExactly(0, 0, 2, 2, 2, 2, 0, 0);
        assertThat(a.segments()).filteredOn(s -> s.classId() == 2 && !s.crowd()).hasSize(2);
        assertThat(a.segments()).filteredOn(Segment::crowd).hasSize(1);
    }
}
