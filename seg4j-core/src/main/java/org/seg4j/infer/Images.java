package org.seg4j.infer;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;
import org.seg4j.data.RgbImage;

/**
 * Resizing for inference (images and probability planes, bilinear with PyTorch's pixel-centre
 * convention) and PNG encoding to memory. Reading and writing files is {@link
 * org.seg4j.data.ImageFiles} and {@link org.seg4j.data.PngFiles}.
 */
public final class Images {

    private Images() {}

    /**
     * Bilinear resize with pixel centres aligned ({@code align_corners = false}, as in PyTorch).
     * Returns the input itself when the size does not change.
     */
    public static RgbImage resizeBilinear(RgbImage src, int width, int height) {
        if (width == src.width() && height == src.height()) {
            return src;
        }
        int sw = src.width();
        int sh = src.height();
        int[] x0 = new int[width];
        int[] x1 = new int[width];
        float[] fx = new float[width];
        axis(sw, width, x0, x1, fx);
        int[] y0 = new int[height];
        int[] y1 = new int[height];
        float[] fy = new float[height];
        axis(sh, height, y0, y1, fy);
        byte[] s = src.data();
        byte[] d = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            int r0 = y0[y] * sw;
            int r1 = y1[y] * sw;
            float wy = fy[y];
            for (int x = 0; x < width; x++) {
                float wx = fx[x];
                int a = (r0 + x0[x]) * 3;
                int b = (r0 + x1[x]) * 3;
                int c = (r1 + x0[x]) * 3;
                int e = (r1 + x1[x]) * 3;
                int o = (y * width + x) * 3;
                for (int ch = 0; ch < 3; ch++) {
                    float top = (s[a + ch] & 0xFF) * (1 - wx) + (s[b + ch] & 0xFF) * wx;
                    float bot = (s[c + ch] & 0xFF) * (1 - wx) + (s[e + ch] & 0xFF) * wx;
                    d[o + ch] = (byte) Math.round(top * (1 - wy) + bot * wy);
                }
            }
        }
        return new RgbImage(width, height, d);
    }

    /**
     * Bilinear resize of {@code planes} float planes of {@code sw x sh} to {@code dw x dh} (same
     * convention as {@link #resizeBilinear}).
     */
    public static float[] resizePlanes(float[] src, int planes, int sw, int sh, int dw, int dh) {
        int[] x0 = new int[dw];
        int[] x1 = new int[dw];
        float[] fx = new float[dw];
        axis(sw, dw, x0, x1, fx);
        int[] y0 = new int[dh];
        int[] y1 = new int[dh];
        float[] fy = new float[dh];
        axis(sh, dh, y0, y1, fy);
        float[] out = new float[planes * dw * dh];
        for (int p = 0; p < planes; p++) {
            int sb = p * sw * sh;
            int db = p * dw * dh;
            for (int y = 0; y < dh; y++) {
                int r0 = sb + y0[y] * sw;
                int r1 = sb + y1[y] * sw;
                float wy = fy[y];
                int o = db + y * dw;
                for (int x = 0; x < dw; x++) {
                    float wx = fx[x];
                    float top = src[r0 + x0[x]] * (1 - wx) + src[r0 + x1[x]] * wx;
                    float bot = src[r1 + x0[x]] * (1 - wx) + src[r1 + x1[x]] * wx;
                    out[o + x] = top * (1 - wy) + bot * wy;
                }
            }
        }
        return out;
    }

    /** Source indices and weights for each destination position along one axis. */
    static void axis(int srcLen, int dstLen, int[] i0, int[] i1, float[] frac) {
        double ratio = (double) srcLen / dstLen;
        for (int d = 0; d < dstLen; d++) {
            double s = (d + 0.5) * ratio - 0.5;
            if (s < 0) {
                s = 0;
            }
            int lo = (int) Math.floor(s);
            if (lo >= srcLen - 1) {
                lo = srcLen - 1;
                i0[d] = lo;
                i1[d] = lo;
                frac[d] = 0;
            } else {
                i0[d] = lo;
                i1[d] = lo + 1;
                frac[d] = (float) (s - lo);
            }
        }
    }

    /** Encodes an image as PNG bytes. */
    public static byte[] encodePng(BufferedImage image) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        try {
            if (!ImageIO.write(image, "png", buf)) {
                throw new IllegalStateException("no PNG writer for image type " + image.getType());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf.toByteArray();
    }
}
