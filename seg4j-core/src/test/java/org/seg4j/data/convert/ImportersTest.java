package org.seg4j.data.convert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.data.TestImages;

class ImportersTest {

    @TempDir
    Path tmp;

    @Test
    void cocoPolygonsRleAndCrowdBecomeAnIndexMask() throws IOException {
        TestImages.rgbPng(tmp.resolve("img/a.png"), 6, 4);
        Files.writeString(tmp.resolve("ann.json"), """
                {"images": [{"id": 7, "file_name": "a.png", "width": 6, "height": 4}],
                 "categories": [{"id": 3, "name": "cat"}, {"id": 1, "name": "traffic light"}],
                 "annotations": [
                   {"id": 1, "image_id": 7, "category_id": 3, "area": 12, "iscrowd": 0,
                    "segmentation": [[0, 0, 3, 0, 3, 4, 0, 4]]},
                   {"id": 2, "image_id": 7, "category_id": 1, "area": 3, "iscrowd": 0,
                    "segmentation": {"size": [4, 6], "counts": [12, 1, 3, 2, 6]}},
                   {"id": 3, "image_id": 7, "category_id": 1, "area": 1, "iscrowd": 1,
                    "segmentation": {"size": [4, 6], "counts": "f011"}}
                 ]}
                """);
        CocoImporter coco = CocoImporter.read(tmp.resolve("ann.json"));
        assertThat(coco.classes().names()).containsExactly("background", "traffic_light", "cat");
        LayoutWriter writer = new LayoutWriter(tmp.resolve("out"), "folder", coco.classes(), null);
        assertThat(coco.writeTo(writer, tmp.resolve("img"), "train")).isEqualTo(1);
        writer.finish();
        LabelMask m = SegmentationDataset.open(tmp.resolve("out"), "folder", "train").loadMask(0);
        // polygon: columns 0..2 = cat (2); RLE: column 3 rows 0 (pixel 12) and column 4 rows 0..1
        // (pixels 16, 17) = traffic_light (1); crowd RLE "f011" = runs [22, 1, 1]: pixel 22 = (5, 2) void
        assertThat(row(m, 0)).isEqualTo("2,2,2,1,1,0");
        assertThat(row(m, 1)).isEqualTo("2,2,2,0,1,0");
        assertThat(row(m, 2)).isEqualTo("2,2,2,0,0,255");
        assertThat(row(m, 3)).isEqualTo("2,2,2,0,0,0");
    }

    @Test
    void cocoErrorsNameTheFileAndAnnotation() throws IOException {
        TestImages.rgbPng(tmp.resolve("img/a.png"), 6, 4);
        Files.writeString(tmp.resolve("bad.json"), """
                {"images": [{"id": 1, "file_name": "a.png", "width": 6, "height": 4}],
                 "categories": [{"id": 1, "name": "x"}],
                 "annotations": [{"id": 9, "image_id": 1, "category_id": 1,
                                  "segmentation": {"size": [4, 6], "counts": [30]}}]}
                """);
        CocoImporter coco = CocoImporter.read(tmp.resolve("bad.json"));
        LayoutWriter writer = new LayoutWriter(tmp.resolve("out"), "folder", coco.classes(), null);
        assertThatThrownBy(() -> coco.writeTo(writer, tmp.resolve("img"), "train"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("bad.json: annotation 9 of image 1")
                .hasMessageContaining("do not fit");
    }

    @Test
    void labelMePolygonsAndRectanglesDrawInFileOrder() throws IOException {
        Path dir = tmp.resolve("lm");
        TestImages.rgbPng(dir.resolve("b.png"), 5, 5);
        Files.writeString(dir.resolve("b.json"), """
                {"imagePath": "b.png", "imageWidth": 5, "imageHeight": 5,
                 "shapes": [
                   {"label": "road", "shape_type": "rectangle", "points": [[0, 3], [5, 5]]},
                   {"label": "car", "shape_type": "polygon", "points": [[1, 2], [4, 2], [4, 4], [1, 4]]}
                 ]}
                """);
        LabelMeImporter lm = LabelMeImporter.read(dir, null);
        assertThat(lm.classes().names()).containsExactly("background", "car", "road");
        LayoutWriter writer = new LayoutWriter(tmp.resolve("out"), "camvid", lm.classes(), null);
        lm.writeTo(writer, "train");
        writer.finish();
        LabelMask m = SegmentationDataset.open(tmp.resolve("out"), "camvid", "train").loadMask(0);
        assertThat(row(m, 1)).isEqualTo("0,0,0,0,0");
        assertThat(row(m, 2)).isEqualTo("0,1,1,1,0");
        assertThat(row(m, 3)).isEqualTo("2,1,1,1,2");
        assertThat(row(m, 4)).isEqualTo("2,2,2,2,2");
    }

    @Test
    void labelMeRefusesUnknownShapes() throws IOException {
        Path dir = tmp.resolve("lm");
        TestImages.rgbPng(dir.resolve("c.png"), 5, 5);
        Files.writeString(dir.resolve("c.json"), """
                {"imagePath": "c.png", "imageWidth": 5, "imageHeight": 5,
                 "shapes": [{"label": "x", "shape_type": "circle", "points": [[1, 1], [2, 2]]}]}
                """);
        LabelMeImporter lm = LabelMeImporter.read(dir, null);
        LayoutWriter writer = new LayoutWriter(tmp.resolve("out"), "folder", lm.classes(), null);
        assertThatThrownBy(() -> lm.writeTo(writer, "train"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("c.json: shape 0: shape_type 'circle' is not supported");
    }

    static String row(LabelMask m, int y) {
        StringBuilder sb = new StringBuilder();
        for (int x = 0; x < m.width(); x++) {
            sb.append(x == 0 ? "" : ",").append(m.get(x, y));
        }
        return sb.toString();
    }
}
