package org.seg4j.infer.instance;

import org.seg4j.infer.Images;

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
        // in Java as PyTorch's bilinear interpolate (half-pixel centres, no antialiasing), which
        // torchvision's paste uses; a few hundred pixels per instance
        float[] resized = Images.resizePlanes(p, 1, padded, padded, w, h);
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
}
