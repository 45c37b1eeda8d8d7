package org.seg4j.transform;

import java.util.SplittableRandom;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

/** Test scenes whose image colour encodes the mask label, so alignment can be checked per pixel. */
final class LabelledScene {

    static final int[] PALETTE = {0xE6194B, 0x3CB44B, 0xFFE119, 0x4363D8, 0xF58231, 0x911EB4, 0x46F0F0};

    private LabelledScene() {}

    /** An image of {@code block x block} regions with random labels; pixel colour = label colour. */
    static Sample blocks(int width, int height, int block, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        LabelMask mask = LabelMask.filled(width, height, 0);
        RgbImage image = RgbImage.blank(width, height);
        int bw = (width + block - 1) / block;
        int bh = (height + block - 1) / block;
        int[] labels = new int[bw * bh];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = rng.nextInt(PALETTE.length);
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int label = labels[(y / block) * bw + x / block];
                mask.set(x, y, label);
                image.setRgb(x, y, PALETTE[label]);
            }
        }
        return new Sample("blocks-" + seed, image, mask);
    }

    /**
     * Checks alignment: returns the number of interior pixels (neighbourhood of the given radius, 1
     * meaning 3x3, with one non-void label) checked, throwing if any has an image colour further than {@code tolerance} per
     * channel from its label's colour, or if a void pixel's image is not {@code fillGrey}.
     */
    static int checkAligned(Sample s, int radius, int tolerance, int fillGrey) {
        LabelMask m = s.mask();
        RgbImage img = s.image();
        int checked = 0;
        for (int y = 0; y < m.height(); y++) {
            for (int x = 0; x < m.width(); x++) {
                int label = m.get(x, y);
                if (label == LabelMask.IGNORE) {
                    for (int c = 0; c < 3; c++) {
                        if (img.get(x, y, c) != fillGrey) {
                            throw new AssertionError("void pixel " + x + "," + y + " has image value "
                                    + img.get(x, y, c) + ", expected fill " + fillGrey);
                        }
                    }
                    continue;
                }
                if (!uniform(m, x, y, radius, label)) {
                    continue;
                }
                int expected = PALETTE[label];
                for (int c = 0; c < 3; c++) {
                    int want = (expected >> (16 - 8 * c)) & 0xFF;
                    if (Math.abs(img.get(x, y, c) - want) > tolerance) {
                        throw new AssertionError("pixel " + x + "," + y + " label " + label + " channel " + c
                                + " is " + img.get(x, y, c) + ", expected " + want);
                    }
                }
                checked++;
            }
        }
        return checked;
    }

    private static boolean uniform(LabelMask m, int x, int y, int r, int label) {
        if (x < r || y < r || x >= m.width() - r || y >= m.height() - r) {
            return false;
        }
        for (int dy = -r; dy <= r; dy++) {
            for (int dx = -r; dx <= r; dx++) {
                if (m.get(x + dx, y + dy) != label) {
                    return false;
                }
            }
        }
        return true;
    }
}
