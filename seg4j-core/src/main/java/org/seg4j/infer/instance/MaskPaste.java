package org.seg4j.infer.instance;

/**
 * Pastes a detector's fixed-size mask into the image, as torchvision's {@code
 * paste_masks_in_image}: the {@code M x M} mask is padded by one zero pixel on each side and its
 * box enlarged by {@code (M + 2) / M} about its centre (so that the mask's border can fade out),
 * the box truncated to integers, the mask resized bilinearly (half-pixel centres) to the box's
 * {@code (x2 - x1 + 1) x (y2 - y1 + 1)} pixels, cut to the image and thresholded.
 */
public final class MaskPaste {

    private MaskPaste() {}

    /**
     * @param mask {@code size·size} probabilities
     * @param box {@code x1, y1, x2, y2} in image pixels
     * @param threshold pixels above it are on (torchvision's evaluation uses 0.5)
     * @return the pasted mask, {@code width·height}
     */
    public static boolean[] paste(float[] mask, int size, float[] box, int width, int height,
            float threshold) {
        if (mask.length != size * size) {
            throw new IllegalArgumentException("a " + size + "x" + size + " mask needs " + size * size + " values, got "
                    + mask.length);
        }
        int padded = size + 2;
        float[] p = new float[padded * padded];
        for (int y = 0; y < size; y++) {
            System.arraycopy(mask, y * size, p, (y + 1) * padded + 1, size);
        }
        double scale = (double) padded / size;
        double wHalf = (box[2] - box[0]) * 0.5 * scale;
        double hHalf = (box[3] - box[1]) * 0.5 * scale;
        double cx = (box[2] + box[0]) * 0.5;
        double cy = (box[3] + box[1]) * 0.5;
        // torch's .to(int32) truncates towards zero
        int x1 = (int) (float) (cx - wHalf);
        int y1 = (int) (float) (cy - hHalf);
        int x2 = (int) (float) (cx + wHalf);
        int y2 = (int) (float) (cy + hHalf);
        int w = Math.max(x2 - x1 + 1, 1);
        int h = Math.max(y2 - y1 + 1, 1);
        float[] resized = resize(p, padded, h, w);
        boolean[] out = new boolean[width * height];
        int xs = Math.max(x1, 0);
        int xe = Math.min(x2 + 1, width);
        int ys = Math.max(y1, 0);
        int ye = Math.min(y2 + 1, height);
        for (int y = ys; y < ye; y++) {
            for (int x = xs; x < xe; x++) {
                out[y * width + x] = resized[(y - y1) * w + (x - x1)] > threshold;
            }
        }
        return out;
    }

    /**
     * Bilinear resize of a square map as PyTorch's {@code interpolate(mode="bilinear",
     * align_corners=False)} without antialiasing: source coordinate {@code (i + 0.5)·in/out - 0.5},
     * clamped at 0. (DJL's engine call antialiases when shrinking, which torchvision does not.)
     */
    static float[] resize(float[] src, int size, int h, int w) {
        int[] y0 = new int[h];
        int[] y1 = new int[h];
        float[] ly = new float[h];
        axis(size, h, y0, y1, ly);
        int[] x0 = new int[w];
        int[] x1 = new int[w];
        float[] lx = new float[w];
        axis(size, w, x0, x1, lx);
        float[] out = new float[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float top = src[y0[y] * size + x0[x]] * (1 - lx[x]) + src[y0[y] * size + x1[x]] * lx[x];
                float bottom = src[y1[y] * size + x0[x]] * (1 - lx[x]) + src[y1[y] * size + x1[x]] * lx[x];
                out[y * w + x] = top * (1 - ly[y]) + bottom * ly[y];
            }
        }
        return out;
    }

    private static void axis(int in, int out, int[] i0, int[] i1, float[] frac) {
        float scale = (float) in / out;
        for (int i = 0; i < out; i++) {
            float s = Math.max(scale * (i + 0.5f) - 0.5f, 0f);
            i0[i] = (int) s;
            i1[i] = i0[i] + (i0[i] < in - 1 ? 1 : 0);
            frac[i] = s - i0[i];
        }
    }
}
