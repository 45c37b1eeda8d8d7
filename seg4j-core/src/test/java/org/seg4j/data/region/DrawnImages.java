package org.seg4j.data.region;

import org.seg4j.data.RgbImage;

/** Small drawn pictures with known regions for the proposal tests. */
final class DrawnImages {

    static final int RED = 0xC83228;
    static final int GREEN = 0x28B43C;
    static final int BLUE = 0x283CD2;
    static final int GREY = 0x808080;

    private DrawnImages() {}

    /**
     * A 40x32 grey picture with a red rectangle (x 4-15, y 4-13), a green rectangle (x 22-35, y
     * 6-19) and a blue bar along the bottom (y 24-31): four flat regions.
     */
    static RgbImage fourRegions() {
        RgbImage img = filled(40, 32, GREY);
        rect(img, 4, 4, 16, 14, RED);
        rect(img, 22, 6, 36, 20, GREEN);
        rect(img, 0, 24, 40, 32, BLUE);
        return img;
    }

    /** The region id of each pixel of {@link #fourRegions()}: 0 grey, 1 red, 2 green, 3 blue. */
    static int[] fourRegionsTruth() {
        RgbImage img = fourRegions();
        int[] truth = new int[img.width() * img.height()];
        for (int y = 0; y < img.height(); y++) {
            for (int x = 0; x < img.width(); x++) {
                int rgb = img.rgb(x, y);
                truth[y * img.width() + x] = rgb == GREY ? 0 : rgb == RED ? 1 : rgb == GREEN ? 2 : 3;
            }
        }
        return truth;
    }

    static RgbImage filled(int w, int h, int rgb) {
        RgbImage img = RgbImage.blank(w, h);
        rect(img, 0, 0, w, h, rgb);
        return img;
    }

    /** Fills {@code [x0, x1) x [y0, y1)}. */
    static void rect(RgbImage img, int x0, int y0, int x1, int y1, int rgb) {
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                img.setRgb(x, y, rgb);
            }
        }
    }
}
