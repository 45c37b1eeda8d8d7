package org.seg4j.data.convert;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import org.seg4j.data.LabelMask;

/**
 * Fills polygons into a {@link LabelMask} with Java2D: each polygon becomes a
 * {@link java.awt.geom.Path2D} filled white on a black {@code TYPE_BYTE_GRAY} image the size of its
 * bounding box, with antialiasing OFF, and the covered pixels take the label. Java2D covers the
 * pixels whose centres lie inside the outline, so with COCO's and LabelMe's convention (pixel
 * {@code (x, y)} spans {@code [x, x+1) x [y, y+1)}) the square {@code (1,1)-(5,4)} covers 4x3 pixels.
 * Drawing white and testing for non-zero keeps the labels exact (no gray-level conversion).
 */
public final class PolygonRasterizer {

    private PolygonRasterizer() {}

    /**
     * Fills one polygon.
     *
     * @param xy vertices as {@code x0, y0, x1, y1, ...} (at least three)
     * @param label the value to write
     */
    public static void fill(LabelMask mask, double[] xy, int label) {
        if (xy.length < 6 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("a polygon needs at least 3 points (x, y pairs), got " + xy.length
                    + " numbers");
        }
        Path2D.Double path = new Path2D.Double(Path2D.WIND_NON_ZERO);
        path.moveTo(xy[0], xy[1]);
        for (int i = 2; i < xy.length; i += 2) {
            path.lineTo(xy[i], xy[i + 1]);
        }
        path.closePath();
        Rectangle2D b = path.getBounds2D();
        int x0 = Math.max(0, (int) Math.floor(b.getMinX()));
        int y0 = Math.max(0, (int) Math.floor(b.getMinY()));
        int x1 = Math.min(mask.width(), (int) Math.ceil(b.getMaxX()) + 1);
        int y1 = Math.min(mask.height(), (int) Math.ceil(b.getMaxY()) + 1);
        if (x1 <= x0 || y1 <= y0) {
            return;
        }
        BufferedImage canvas = new BufferedImage(x1 - x0, y1 - y0, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = canvas.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.translate(-x0, -y0);
            g.setColor(Color.WHITE);
            g.fill(path);
        } finally {
            g.dispose();
        }
        Raster r = canvas.getRaster();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                if (r.getSample(x - x0, y - y0, 0) != 0) {
                    mask.set(x, y, label);
                }
            }
        }
    }
}
