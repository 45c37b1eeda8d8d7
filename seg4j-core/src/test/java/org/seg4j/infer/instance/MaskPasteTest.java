package org.seg4j.infer.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MaskPasteTest {

    @Test
    void fullMaskFillsTheEnlargedTruncatedBox() {
        float[] ones = new float[28 * 28];
        Arrays.fill(ones, 1f);
        // box 10..20: enlarged by 30/28 about 15 -> 9.64..20.36 -> 9..20 (12 pixels); resized padded
        // mask is 0.75 at both ends (0.25 of the zero border mixed in) and 0.5625 in the corners, so
        // all 12x12 are on (torchvision's paste_masks_in_image gives the same pixels)
        boolean[] out = MaskPaste.paste(ones, 28, new float[] {10, 10, 20, 20}, 32, 32, 0.5f);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                boolean inside = x >= 9 && x <= 20 && y >= 9 && y <= 20;
                assertThat(out[y * 32 + x]).as("(%d, %d)", x, y).isEqualTo(inside);
            }
        }
    }

    @Test
    void leftHalfMaskAndClippingAtTheImageEdge() {
        float[] left = new float[28 * 28];
        for (int y = 0; y < 28; y++) {
            Arrays.fill(left, y * 28, y * 28 + 14, 1f);
        }
        // box -4..24 x 0..28 in a 20x30 image: enlarged -5..25, cut at x = 0
        boolean[] out = MaskPaste.paste(left, 28, new float[] {-4, 0, 24, 28}, 20, 30, 0.5f);
        int on = 0;
        for (boolean b : out) {
            on += b ? 1 : 0;
        }
        // the left half of the box is -5..10, of which x 0..9 or 0..10 lie in the image
        assertThat(out[5 * 20]).isTrue();
        assertThat(out[5 * 20 + 8]).isTrue();
        assertThat(out[5 * 20 + 12]).isFalse();
        assertThat(on).isBetween(10 * 28, 11 * 30);
    }
}
