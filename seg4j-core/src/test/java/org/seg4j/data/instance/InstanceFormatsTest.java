package org.seg4j.data.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.MaskReader;

/** Round trips and errors of the instance file formats. */
class InstanceFormatsTest {

    static final ClassMeta CLASSES = PanopticAnnotationTest.CLASSES;

    @TempDir
    Path dir;

    static PanopticAnnotation sample() {
        // road, cars 4 and 9, a car crowd region, void; segment ids beyond 16 bits for COCO panoptic
        int[] ids = {70000, 70000, 2, 3, 3, 4, 0, 70000};
        return new PanopticAnnotation(4, 2, ids, List.of(new Segment(70000, 0, false), new Segment(2, 1, false),
                new Segment(3, 1, false), new Segment(4, 1, true)));
    }

    @Test
    void cocoPanopticRoundTrip() {
        CocoPanopticWriter w = new CocoPanopticWriter(dir.resolve("pan.json"), dir.resolve("pan"), CLASSES);
        w.add(7, "a.png", sample());
        w.finish();
        CocoPanoptic r = CocoPanoptic.read(dir.resolve("pan.json"), dir.resolve("pan"));
        assertThat(r.classes().names()).containsExactly("road", "car");
        assertThat(r.classes().isThing(1)).isTrue();
        PanopticAnnotation back = r.annotation(0);
        assertThat(back.ids()).containsExactly(sample().ids());
        assertThat(back.segments()).isEqualTo(sample().segments());
        assertThat(CocoPanoptic.rgbToId(CocoPanoptic.idToRgb(70000))).isEqualTo(70000);
        assertThat(CocoPanoptic.idToRgb(70000)).isEqualTo(0x701101); // R = 112, G = 17, B = 1
    }

    @Test
    void cocoPanopticErrorsNameTheFile() throws IOException {
        CocoPanopticWriter w = new CocoPanopticWriter(dir.resolve("pan.json"), dir.resolve("pan"), CLASSES);
        w.add(7, "a.png", sample());
        w.finish();
        String json = Files.readString(dir.resolve("pan.json")).replaceAll("\\s", "");
        Files.writeString(dir.resolve("missing.json"), json.replace("{\"id\":3,", "{\"id\":5,"));
        assertThatThrownBy(() -> CocoPanoptic.read(dir.resolve("missing.json"), dir.resolve("pan")).annotation(0))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("missing.json")
                .hasMessageContaining("segment 5 of image 7 has no pixels in");
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) org.seg4j.util.Json.JSON.readTree(json);
        var segs = (com.fasterxml.jackson.databind.node.ArrayNode) tree.get("annotations").get(0).get("segments_info");
        segs.remove(2); // the entry of segment 3
        Files.writeString(dir.resolve("extra.json"), tree.toString());
        assertThatThrownBy(() -> CocoPanoptic.read(dir.resolve("extra.json"), dir.resolve("pan")).annotation(0))
                .hasMessageContaining("a.png: segment id 3 (RGB 3, 0, 0) is missing from segments_info of image 7");
        Files.writeString(dir.resolve("cat.json"), json.replace("\"category_id\":2", "\"category_id\":42"));
        assertThatThrownBy(() -> CocoPanoptic.read(dir.resolve("cat.json"), dir.resolve("pan")).annotation(0))
                .hasMessageContaining("cat.json").hasMessageContaining("unknown category_id 42");
    }

    @Test
    void folderLayoutRoundTrip() {
        Path mask = dir.resolve("masks/a.png");
        InstancePng.write(mask, sample(), CLASSES);
        assertThat(Files.isRegularFile(dir.resolve("instances/a.png"))).isTrue();
        assertThat(InstancePng.readIds(dir.resolve("instances/a.png"))).containsExactly(0, 0, 1, 2, 2, 0, 0, 0);
        PanopticAnnotation back = InstancePng.read(mask, new MaskReader(CLASSES));
        assertThat(back.classMask().data()).containsExactly(sample().classMask().data());
        assertThat(back.segments()).extracting(Segment::classId, Segment::crowd)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(0, false),
                        org.assertj.core.groups.Tuple.tuple(1, false), org.assertj.core.groups.Tuple.tuple(1, false),
                        org.assertj.core.groups.Tuple.tuple(1, true));
        assertThat(back.area(3)).isEqualTo(2);
    }

    @Test
    void sixteenBitIdsSurvive() {
        InstancePng.writeIds(dir.resolve("x.png"), new int[] {0, 65535, 300}, 3, 1);
        assertThat(InstancePng.readIds(dir.resolve("x.png"))).containsExactly(0, 65535, 300);
        assertThatThrownBy(() -> InstancePng.writeIds(dir.resolve("y.png"), new int[] {65536}, 1, 1))
                .hasMessageContaining("16 bits");
    }

    @Test
    void cityscapesInstanceIds() {
        Path png = dir.resolve("x" + CityscapesInstanceIds.SUFFIX);
        CityscapesInstanceIds.write(png, sample(), CLASSES, 255);
        // road = 0, car instances 1000 and 1001, crowd = 1, void = 255
        assertThat(InstancePng.readIds(png)).containsExactly(0, 0, 1000, 1001, 1001, 1, 255, 0);
        PanopticAnnotation back = CityscapesInstanceIds.read(png, CLASSES, null);
        assertThat(back.classMask().data()).containsExactly(sample().classMask().data());
        assertThat(back.segments()).filteredOn(Segment::crowd).hasSize(1);
        // a label table: 0 -> void, 1 -> car
        PanopticAnnotation mapped = CityscapesInstanceIds.read(png, CLASSES, new int[] {-1, 1});
        assertThat(mapped.classMask().data()[0]).isEqualTo((byte) LabelMask.IGNORE);
        assertThat(mapped.segments()).hasSize(3);
    }

    @Test
    void cocoInstancesRoundTripKeepsInstances() {
        List<CocoInstances.Image> images = List.of(new CocoInstances.Image(3, "a.jpg", sample(), java.util.Map.of()));
        CocoInstances.write(dir.resolve("inst.json"), images, CLASSES);
        List<CocoInstances.Image> back = CocoInstances.read(dir.resolve("inst.json"));
        PanopticAnnotation a = back.get(0).annotation();
        assertThat(a.segments()).hasSize(3);
        // segment ids follow the file order: the two cars (annotations 1, 2), then the crowd region (3)
        assertThat(a.ids()).containsExactly(0, 0, 1, 2, 2, 3, 0, 0);
        assertThat(a.segment(3).crowd()).isTrue();
        assertThat(back.get(0).annotationIds()).containsEntry(1, 1L).containsEntry(3, 3L);
    }

    @Test
    void cocoInstancesRejectOverlapsAndUnknownCategories() throws IOException {
        String json = """
                {"images": [{"id": 1, "file_name": "a.jpg", "width": 6, "height": 4}],
                 "categories": [{"id": 3, "name": "cell"}],
                 "annotations": [
                   {"id": 10, "image_id": 1, "category_id": 3, "iscrowd": 0, "segmentation": [[0, 0, 4, 0, 4, 4, 0, 4]]},
                   {"id": 11, "image_id": 1, "category_id": 3, "iscrowd": 0, "segmentation": [[2, 0, 6, 0, 6, 4, 2, 4]]}]}
                """;
        Files.writeString(dir.resolve("o.json"), json);
        assertThatThrownBy(() -> CocoInstances.read(dir.resolve("o.json"))).hasMessageContaining("o.json")
                .hasMessageContaining("annotation 11 of image 1 overlaps annotation 10 at (2, 0)");
        Files.writeString(dir.resolve("c.json"), json.replace("\"category_id\": 3, \"iscrowd\": 0, \"segmentation\": "
                + "[[2", "\"category_id\": 9, \"iscrowd\": 0, \"segmentation\": [[2"));
        assertThatThrownBy(() -> CocoInstances.read(dir.resolve("c.json")))
                .hasMessageContaining("annotation 11 of image 1 has unknown category_id 9");
        assertThat(CocoInstances.classes(dir.resolve("o.json")).isThing(0)).isTrue();
    }
}
