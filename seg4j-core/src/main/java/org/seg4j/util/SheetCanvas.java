package org.seg4j.util;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/**
 * The drawing set-up seg4j's contact sheets share (the blurriest images of {@code data sharpness},
 * the training crops of {@code data browse}): a white background, bilinear scaling of thumbnails
 * and antialiased 11-point sans-serif captions.
 */
public final class SheetCanvas {

    private SheetCanvas() {}

    /** Graphics of {@code sheet}, filled white and set up for thumbnails and captions; dispose it. */
    public static Graphics2D open(BufferedImage sheet) {
        Graphics2D g = sheet.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, sheet.getWidth(), sheet.getHeight());
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        return g;
    }
}
