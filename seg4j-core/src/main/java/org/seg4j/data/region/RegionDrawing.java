package org.seg4j.data.region;

import org.seg4j.data.RgbImage;

/** Pictures of superpixels and proposals for people: outlines drawn over a copy of the image. */
public final class RegionDrawing {

    private RegionDrawing() {}

    /** The image with every boundary between two segments drawn in {@code rgb}. */
    public static RgbImage segmentBoundaries(RgbImage image, Segments s, int rgb) {
        RgbImage out = new RgbImage(image.width(), image.height(), image.data().clone());
        int w = s.width();
        int h = s.height();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int l = s.get(x, y);
                if ((x + 1 < w && s.get(x + 1, y) != l) || (y + 1 < h && s.get(x, y + 1) != l)) {
                    out.setRgb(x, y, rgb);
                }
            }
        }
        return out;
    }

    /**
     * The image with the outlines of the first {@code count} proposals, each in its own colour (hues
     * spread by the golden ratio), later ones drawn over earlier ones.
     */
    public static RgbImage proposalOutlines(RgbImage image, Proposals proposals, int count) {
        RgbImage out = new RgbImage(image.width(), image.height(), image.data().clone());
        int w = proposals.width();
        int h = proposals.height();
        for (int i = 0; i < Math.min(count, proposals.size()); i++) {
            boolean[] m = proposals.mask(i);
            int rgb = java.awt.Color.HSBtoRGB((float) ((i * 0.618033988749895) % 1.0), 0.9f, 1f) & 0xFFFFFF;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = y * w + x;
                    if (m[p] && (x == 0 || y == 0 || x == w - 1 || y == h - 1 || !m[p - 1] || !m[p + 1] || !m[p - w]
                            || !m[p + w])) {
                        out.setRgb(x, y, rgb);
                    }
                }
            }
        }
        return out;
    }
}
