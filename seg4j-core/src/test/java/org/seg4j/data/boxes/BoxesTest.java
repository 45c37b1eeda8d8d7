package org.seg4j.data.boxes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;

class BoxesTest {

    @TempDir
    Path tmp;

    @Test
    void oneBoxPerEightConnectedComponentOfEachClass() {
        // 6x4; class 1 has two components (one diagonal pair, one speck), class 2 one, 255 void
        LabelMask m = new LabelMask(6, 4, new byte[] {
            1, 0, 0, 0, 0, 2,
            0, 1, 0, 0, 2, 2,
            0, 0, 0, 0, 0, 0,
            0, 0, 0, 1, 0, (byte) 255,
        });
        List<Box> boxes = MaskBoxes.of(m, 3, 1);
        assertThat(boxes).containsExactly(
                new Box(1, 0, 0, 2, 2),
                new Box(0, 0, 0, 6, 4),
                new Box(2, 4, 0, 6, 2),
                new Box(1, 3, 3, 4, 4));
        assertThat(MaskBoxes.of(m, 3, 2)).doesNotContain(new Box(1, 3, 3, 4, 4)).hasSize(3);
    }

    @Test
    void fileRoundTripsAndBadBoxesNameTheImage() throws IOException {
        BoxLabels labels = new BoxLabels(List.of("road", "car"), Map.of("img1",
                new BoxLabels.ImageBoxes(10, 8, List.of(new Box(1, 2, 3, 5, 8), new Box(0, 0, 0, 10, 8)))));
        Path file = tmp.resolve("boxes.json");
        labels.write(file);
        BoxLabels back = BoxLabels.read(file);
        assertThat(back).isEqualTo(labels);
        assertThat(back.boxCount()).isEqualTo(2);
        assertThat(Files.readString(file)).contains("\"class\" : \"car\"").contains(BoxLabels.FORMAT);

        Files.writeString(tmp.resolve("bad.json"), """
                {"classes": ["road"], "images": {"x": {"width": 4, "height": 4,
                  "boxes": [{"class": "road", "box": [0, 0, 5, 2]}]}}}
                """);
        assertThatThrownBy(() -> BoxLabels.read(tmp.resolve("bad.json")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("bad.json: image x, box 0: box [0, 0, 5, 2] is empty or outside the 4x4 image");
        Files.writeString(tmp.resolve("cls.json"), """
                {"classes": ["road"], "images": {"x": {"width": 4, "height": 4,
                  "boxes": [{"class": "bus", "box": [0, 0, 1, 1]}]}}}
                """);
        assertThatThrownBy(() -> BoxLabels.read(tmp.resolve("cls.json")))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("unknown class 'bus'");
    }
}
