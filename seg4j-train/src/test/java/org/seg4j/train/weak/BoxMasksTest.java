package org.seg4j.train.weak;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.boxes.Box;

class BoxMasksTest {

    @Test
    void smallerBoxesAreDrawnOnTopAndPixelsOutsideAllBoxesAreVoid() {
        RgbImage img = RgbImage.blank(6, 4);
        List<Box> boxes = List.of(new Box(2, 2, 1, 4, 3), new Box(0, 0, 0, 5, 4));
        LabelMask m = BoxMasks.initial(img, boxes, null);
        assertThat(m.get(0, 0)).isZero();
        assertThat(m.get(2, 1)).isEqualTo(2);
        assertThat(m.get(3, 2)).isEqualTo(2);
        assertThat(m.get(4, 3)).isZero();
        assertThat(m.get(5, 0)).isEqualTo(LabelMask.IGNORE);
        assertThat(BoxMasks.labelledShare(m)).isEqualTo(20.0 / 24);
    }

    /** A red disc on grey inside its box: the colour model keeps the disc and gives the corners back. */
    @Test
    void theColourModelDropsBoxPixelsThatLookLikeTheSurroundings() {
        int w = 40;
        int h = 40;
        RgbImage img = RgbImage.blank(w, h);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean disc = (x - 20) * (x - 20) + (y - 20) * (y - 20) <= 64;
                img.setRgb(x, y, disc ? 0xD02020 : 0x808080 + ((x * 7 + y * 3) % 9));
            }
        }
        Box road = new Box(0, 0, 0, w, h);
        Box car = new Box(1, 12, 12, 29, 29);
        LabelMask m = BoxMasks.initial(img, List.of(road, car), new ColourBoxRefiner());
        assertThat(m.get(20, 20)).isEqualTo(1);
        assertThat(m.get(13, 13)).as("box corner, grey like the road").isZero();
        assertThat(m.get(2, 2)).isZero();
        LabelMask plain = BoxMasks.initial(img, List.of(road, car), null);
        assertThat(plain.get(13, 13)).isEqualTo(1);
    }

    @Test
    void predictionsAreKeptOnlyInsideABoxOfTheirClass() {
        List<Box> boxes = List.of(new Box(0, 0, 0, 4, 1), new Box(1, 2, 0, 3, 1));
        LabelMask previous = new LabelMask(5, 1, new byte[] {0, 0, 1, 0, (byte) 255});
        LabelMask predicted = new LabelMask(5, 1, new byte[] {1, 0, 0, 2, 0});
        LabelMask out = BoxMasks.constrain(predicted, previous, boxes, 3);
        // x0: class 1 has no box there -> previous 0; x1: 0 allowed; x2: 0 allowed (road box covers it);
        // x3: class 2 has no box -> previous 0; x4: outside every box -> void
        assertThat(out.data()).containsExactly(0, 0, 0, 0, (byte) 255);
    }
}
