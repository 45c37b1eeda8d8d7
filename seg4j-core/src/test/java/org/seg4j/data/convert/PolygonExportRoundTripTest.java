package org.seg4j.data.convert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.LabelMask;
import org.seg4j.data.polygon.MaskPolygons;
import org.seg4j.data.polygon.TestMasks;
import org.seg4j.util.Json;

/** Mask, LabelMe or COCO file, importer: the same mask back (exactly at tolerance 0). */
class PolygonExportRoundTripTest {

    private static final ClassMeta CLASSES = ClassMeta.of(new String[] {"background", "road", "car", "sky blue"},
            new int[][] {{0, 0, 0}, {128, 64, 128}, {64, 0, 128}, {128, 128, 255}}, 255);

    @TempDir
    Path dir;

    private LabelMask viaLabelMe(LabelMask m, double tolerance, ClassMeta classes) throws Exception {
        Path file = dir.resolve("labelme").resolve("a.json");
        Files.createDirectories(file.getParent());
        LabelMeWriter.write(file, MaskPolygons.of(m, tolerance), CLASSES, "../images/a.png", m.width(), m.height());
        JsonNode root = Json.JSON.readTree(file.toFile());
        assertThat(root.get("imagePath").asText()).isEqualTo("../images/a.png");
        assertThat(root.get("shapes").get(0).get("shape_type").asText()).isEqualTo("polygon");
        return LabelMeImporter.read(file.getParent(), classes).mask(file, root);
    }

    private LabelMask viaCoco(LabelMask m, double tolerance, ClassMeta classes) {
        CocoWriter writer = new CocoWriter(CLASSES);
        writer.add("a.png", m.width(), m.height(), MaskPolygons.of(m, tolerance));
        Path file = dir.resolve("coco.json");
        writer.write(file);
        CocoImporter importer = CocoImporter.read(file, classes);
        assertThat(importer.classes().names()).startsWith("background", "road", "car").hasSize(4);
        return importer.mask(Json.JSON.valueToTree(writer.toJson().get("images").get(0)));
    }

    @Test
    void exactPolygonsGiveTheSameMask() throws Exception {
        LabelMask m = TestMasks.scene(5, 1);
        assertThat(viaLabelMe(m, 0, CLASSES).data()).isEqualTo(m.data());
        assertThat(viaCoco(m, 0, CLASSES).data()).isEqualTo(m.data());
        // without a class list, COCO derives the same ids (background, then categories by id); LabelMe
        // sorts the labels by name, so keeping ids there needs the class list (data convert --classes)
        assertThat(viaCoco(m, 0, null).data()).isEqualTo(m.data());
    }

    @Test
    void simplifiedPolygonsStayWithinTheTolerance() throws Exception {
        LabelMask m = TestMasks.scene(6, 2);
        TestMasks.assertClose(m, viaLabelMe(m, 1.0, CLASSES), 0.97);
        TestMasks.assertClose(m, viaCoco(m, 1.0, CLASSES), 0.97);
    }

    @Test
    void cocoCategoryOutsideTheClassListIsNamed() {
        CocoWriter writer = new CocoWriter(CLASSES);
        writer.add("a.png", 4, 4, MaskPolygons.of(LabelMask.filled(4, 4, 2), 0));
        Path file = dir.resolve("coco.json");
        writer.write(file);
        ClassMeta two = ClassMeta.of(new String[] {"background", "road"}, new int[][] {{0, 0, 0}, {1, 1, 1}}, 255);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CocoImporter.read(file, two))
                .hasMessageContaining("category 'car'").hasMessageContaining("coco.json");
    }
}
