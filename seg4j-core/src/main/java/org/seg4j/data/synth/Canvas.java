package org.seg4j.data.synth;

import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;

/**
 * The image being drawn (float RGB, 0-1) and its label map, with the filled shapes that scenes are
 * made of. Shapes test pixel centres, so coordinates are in pixels with (0, 0) the centre of the
 * top-left pixel; parts outside the canvas are clipped.
 */
final class Canvas {

    /** Label of a pixel nothing has been painted on yet. */
    static final byte EMPTY = (byte) 255;

    final int width;
    final int height;
    final float[] r;
    final float[] g;
    final float[] b;
    final byte[] label;
    /** Instance id per pixel (0 = none): what {@link #paint} writes besides the label. */
    final int[] instance;
    /** Instance id that {@link #paint} writes; 0 while drawing stuff. */
    int drawing;

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        int n = width * height;
        r = new float[n];
        g = new float[n];
        b = new float[n];
        label = new byte[n];
        instance = new int[n];
        java.util.Arrays.fill(label, EMPTY);
    }

    /** Paints pixel (x, y) with the brush's textured colour and sets its label. */
    void paint(int x, int y, Brush brush, int cls) {
        int i = y * width + x;
        float m = brush.coarse() == 0 ? 1 : 1 + brush.coarse() * (2 * Noise.value(x, y, brush.scale(), brush.salt()) - 1);
        float grain = brush.fine() * (2 * Noise.hash(x, y, brush.salt()) - 1);
        r[i] = brush.r() * m + grain;
        g[i] = brush.g() * m + grain;
        b[i] = brush.b() * m + grain;
        label[i] = (byte) cls;
        instance[i] = drawing;
    }

    /** Multiplies the colour of pixel (x, y) by {@code f}, keeping its label (shadows). */
    void darken(int x, int y, float f) {
        int i = y * width + x;
        r[i] *= f;
        g[i] *= f;
        b[i] *= f;
    }

    /** Fills the axis-aligned rectangle with corners (x0, y0) and (x1, y1), inclusive. */
    void rect(float x0, float y0, float x1, float y1, Brush brush, int cls) {
        roundRect(x0, y0, x1, y1, 0, brush, cls);
    }

    /** Fills a rectangle whose corners are rounded with radius {@code radius}. */
    void roundRect(float x0, float y0, float x1, float y1, float radius, Brush brush, int cls) {
        int ya = Math.max(0, (int) Math.ceil(y0));
        int yb = Math.min(height - 1, (int) Math.floor(y1));
        int xa = Math.max(0, (int) Math.ceil(x0));
        int xb = Math.min(width - 1, (int) Math.floor(x1));
        float rad = Math.max(0, Math.min(radius, Math.min(x1 - x0, y1 - y0) / 2));
        for (int y = ya; y <= yb; y++) {
            for (int x = xa; x <= xb; x++) {
                float dx = Math.max(0, Math.max(x0 + rad - x, x - (x1 - rad)));
                float dy = Math.max(0, Math.max(y0 + rad - y, y - (y1 - rad)));
                if (dx * dx + dy * dy <= rad * rad) {
                    paint(x, y, brush, cls);
                }
            }
        }
    }

    /**
     * Fills an ellipse whose outline is roughened by value noise: a pixel is inside when its
     * normalised radius is below {@code 1 + rough * (noise - 0.5)}.
     */
    void blob(float cx, float cy, float rx, float ry, float rough, int salt, Brush brush, int cls) {
        float reach = 1 + rough / 2;
        int ya = Math.max(0, (int) Math.ceil(cy - ry * reach));
        int yb = Math.min(height - 1, (int) Math.floor(cy + ry * reach));
        int xa = Math.max(0, (int) Math.ceil(cx - rx * reach));
        int xb = Math.min(width - 1, (int) Math.floor(cx + rx * reach));
        float edgeScale = Math.max(1.5f, Math.min(rx, ry) / 3);
        for (int y = ya; y <= yb; y++) {
            for (int x = xa; x <= xb; x++) {
                float dx = (x - cx) / rx;
                float dy = (y - cy) / ry;
                float limit = rough == 0 ? 1 : 1 + rough * (Noise.value(x, y, edgeScale, salt) - 0.5f);
                if (dx * dx + dy * dy <= limit * limit) {
                    paint(x, y, brush, cls);
                }
            }
        }
    }

    /** Darkens an ellipse by factor {@code f} (a soft-edged cast shadow), labels unchanged. */
    void shadow(float cx, float cy, float rx, float ry, float f) {
        int ya = Math.max(0, (int) Math.ceil(cy - ry));
        int yb = Math.min(height - 1, (int) Math.floor(cy + ry));
        int xa = Math.max(0, (int) Math.ceil(cx - rx));
        int xb = Math.min(width - 1, (int) Math.floor(cx + rx));
        for (int y = ya; y <= yb; y++) {
            for (int x = xa; x <= xb; x++) {
                float dx = (x - cx) / rx;
                float dy = (y - cy) / ry;
                float d = dx * dx + dy * dy;
                if (d <= 1) {
                    darken(x, y, f + (1 - f) * d * d);
                }
            }
        }
    }

    /** The finished picture as 8-bit RGB, rounding and clamping. */
    RgbImage toImage() {
        byte[] out = new byte[width * height * 3];
        for (int i = 0; i < r.length; i++) {
            out[i * 3] = quantise(r[i]);
            out[i * 3 + 1] = quantise(g[i]);
            out[i * 3 + 2] = quantise(b[i]);
        }
        return new RgbImage(width, height, out);
    }

    /** The label map. */
    LabelMask toMask() {
        return new LabelMask(width, height, label.clone());
    }

    private static byte quantise(float v) {
        float q = v * 255 + 0.5f;
        return (byte) (q <= 0 ? 0 : q >= 255 ? 255 : (int) q);
    }
}
