package org.seg4j.transform;

import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.data.Sample;

/**
 * Pixel-level resampling shared by the geometric transforms. Everything works on the raw byte
 * arrays: images are sampled bilinearly, masks by nearest neighbour at the same source point, and
 * a sample's instance annotation through {@link InstanceWarp} at that same point.
 */
final class Warp {

    private Warp() {}

    /**
     * Resamples through an inverse affine map: output pixel (x, y) reads the source at
     * {@code (a*x + b*y + c, d*x + e*y + f)}, pixel centres at integer coordinates.
     *
     * <p>An output pixel lies inside the source exactly when its nearest source pixel does; then
     * the bilinear taps are clamped to the border, otherwise the image gets {@code fillGrey} and
     * the mask {@link LabelMask#IGNORE}. Tying both to the same test keeps image fill and mask
     * ignore on the same pixels.
     */
    static Sample affine(Sample in, int outW, int outH, double a, double b, double c, double d, double e,
            double f, int fillGrey) {
        RgbImage img = in.image();
        int w = img.width();
        int h = img.height();
        byte[] src = img.data();
        byte[] mask = in.mask() == null ? null : in.mask().data();
        byte[] out = new byte[outW * outH * 3];
        byte[] outMask = mask == null ? null : new byte[outW * outH];
        byte fill = (byte) fillGrey;
        int o = 0;
        for (int y = 0; y < outH; y++) {
            double rowX = b * y + c;
            double rowY = e * y + f;
            for (int x = 0; x < outW; x++, o++) {
                float sx = (float) (a * x + rowX);
                float sy = (float) (d * x + rowY);
                int nx = (int) Math.floor(sx + 0.5f);
                int ny = (int) Math.floor(sy + 0.5f);
                int p = o * 3;
                if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                    out[p] = fill;
                    out[p + 1] = fill;
                    out[p + 2] = fill;
                    if (outMask != null) {
                        outMask[o] = (byte) LabelMask.IGNORE;
                    }
                    continue;
                }
                if (outMask != null) {
                    outMask[o] = mask[ny * w + nx];
                }
                int x0 = (int) Math.floor(sx);
                int y0 = (int) Math.floor(sy);
                float fx = sx - x0;
                float fy = sy - y0;
                int x1 = Math.min(x0 + 1, w - 1);
                int y1 = Math.min(y0 + 1, h - 1);
                x0 = Math.max(x0, 0);
                y0 = Math.max(y0, 0);
                int i00 = (y0 * w + x0) * 3;
                int i01 = (y0 * w + x1) * 3;
                int i10 = (y1 * w + x0) * 3;
                int i11 = (y1 * w + x1) * 3;
                float w00 = (1 - fx) * (1 - fy);
                float w01 = fx * (1 - fy);
                float w10 = (1 - fx) * fy;
                float w11 = fx * fy;
                for (int ch = 0; ch < 3; ch++) {
                    float v = (src[i00 + ch] & 0xFF) * w00 + (src[i01 + ch] & 0xFF) * w01
                            + (src[i10 + ch] & 0xFF) * w10 + (src[i11 + ch] & 0xFF) * w11;
                    out[p + ch] = (byte) (int) (v + 0.5f);
                }
            }
        }
        return in.with(new RgbImage(outW, outH, out), outMask == null ? null : new LabelMask(outW, outH, outMask),
                in.instances() == null ? null : InstanceWarp.affine(in.instances(), outW, outH, a, b, c, d, e, f));
    }

    /** Scales to {@code outW x outH}, mapping pixel centres (the usual half-pixel convention). */
    static Sample resize(Sample in, int outW, int outH) {
        double sx = (double) in.image().width() / outW;
        double sy = (double) in.image().height() / outH;
        return affine(in, outW, outH, sx, 0, 0.5 * sx - 0.5, 0, sy, 0.5 * sy - 0.5, 0);
    }

    /**
     * Cuts the window of size {@code outW x outH} whose top-left corner is source pixel
     * ({@code left}, {@code top}); parts of the window outside the source are padded.
     */
    static Sample crop(Sample in, int left, int top, int outW, int outH, int fillGrey) {
        RgbImage img = in.image();
        int w = img.width();
        int h = img.height();
        byte[] src = img.data();
        byte[] out = new byte[outW * outH * 3];
        byte[] mask = in.mask() == null ? null : in.mask().data();
        byte[] outMask = mask == null ? null : new byte[outW * outH];
        if (fillGrey != 0) {
            java.util.Arrays.fill(out, (byte) fillGrey);
        }
        if (outMask != null) {
            java.util.Arrays.fill(outMask, (byte) LabelMask.IGNORE);
        }
        int x0 = Math.max(0, left);
        int x1 = Math.min(w, left + outW);
        int y0 = Math.max(0, top);
        int y1 = Math.min(h, top + outH);
        for (int y = y0; y < y1 && x1 > x0; y++) {
            int dstRow = (y - top) * outW + (x0 - left);
            System.arraycopy(src, (y * w + x0) * 3, out, dstRow * 3, (x1 - x0) * 3);
            if (outMask != null) {
                System.arraycopy(mask, y * w + x0, outMask, dstRow, x1 - x0);
            }
        }
        return in.with(new RgbImage(outW, outH, out), outMask == null ? null : new LabelMask(outW, outH, outMask),
                in.instances() == null ? null : InstanceWarp.crop(in.instances(), left, top, outW, outH));
    }

    /** Mirrors left to right. */
    static Sample flipHorizontal(Sample in) {
        RgbImage img = in.image();
        int w = img.width();
        int h = img.height();
        byte[] src = img.data();
        byte[] out = new byte[src.length];
        byte[] mask = in.mask() == null ? null : in.mask().data();
        byte[] outMask = mask == null ? null : new byte[mask.length];
        for (int y = 0; y < h; y++) {
            int row = y * w;
            for (int x = 0; x < w; x++) {
                int s = row + x;
                int t = row + w - 1 - x;
                out[t * 3] = src[s * 3];
                out[t * 3 + 1] = src[s * 3 + 1];
                out[t * 3 + 2] = src[s * 3 + 2];
                if (outMask != null) {
                    outMask[t] = mask[s];
                }
            }
        }
        return in.with(new RgbImage(w, h, out), outMask == null ? null : new LabelMask(w, h, outMask),
                in.instances() == null ? null : InstanceWarp.flipHorizontal(in.instances()));
    }
}
