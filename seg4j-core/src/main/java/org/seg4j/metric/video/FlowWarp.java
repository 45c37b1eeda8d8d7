package org.seg4j.metric.video;

import org.seg4j.data.LabelMask;

/** Warps label maps along an optical flow. */
public final class FlowWarp {

    private FlowWarp() {}

    /**
     * Backward warping of the next frame's labels onto the current frame: pixel (x, y) takes the
     * label of {@code next} at {@code (x + dx, y + dy)} rounded to the nearest pixel (labels are
     * not interpolated), where the flow goes from the current frame to the next. Pixels whose
     * source lies outside the frame, or whose flow is not finite, become {@link LabelMask#IGNORE}.
     *
     * @param next the labels of the next frame
     * @param flow the flow from the current frame to the next, the same size as {@code next}
     * @throws IllegalArgumentException if the sizes differ
     */
    public static LabelMask backward(LabelMask next, FlowField flow) {
        int w = next.width();
        int h = next.height();
        if (flow.width() != w || flow.height() != h) {
            throw new IllegalArgumentException("flow is " + flow.width() + "x" + flow.height() + " but the labels are "
                    + w + "x" + h);
        }
        byte[] src = next.data();
        float[] f = flow.data();
        byte[] out = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                float dx = f[2 * i];
                float dy = f[2 * i + 1];
                // Math.floor(v + 0.5) rather than a cast: a cast rounds -0.7 up to 0 and would let
                // pixels from just outside the left or top edge in
                double sx = Math.floor(x + dx + 0.5);
                double sy = Math.floor(y + dy + 0.5);
                if (sx >= 0 && sx < w && sy >= 0 && sy < h) {
                    out[i] = src[(int) sy * w + (int) sx];
                } else {
                    out[i] = (byte) LabelMask.IGNORE; // also NaN, whose comparisons are false
                }
            }
        }
        return new LabelMask(w, h, out);
    }

    /**
     * Backward warping of per-pixel values held as {@code channels} planes of {@code H x W} floats
     * (class probabilities, say): pixel (x, y) of every plane takes the value at {@code (x + dx, y +
     * dy)} rounded to the nearest pixel, as {@link #backward(LabelMask, FlowField)} does for labels.
     * Pixels whose source lies outside the frame, or whose flow is not finite, take {@code fallback}'s
     * values instead (for a moving average: the newest frame's own values, since nothing earlier
     * saw that content).
     *
     * @param planes {@code channels * H * W} values, plane by plane
     * @param channels number of planes
     * @param flow the flow from the frame being built to the frame {@code planes} belongs to
     * @param fallback values for pixels with no source, the same layout as {@code planes}
     * @throws IllegalArgumentException if the sizes differ
     */
    public static float[] backward(float[] planes, int channels, FlowField flow, float[] fallback) {
        int w = flow.width();
        int h = flow.height();
        int n = w * h;
        if (planes.length != channels * n || fallback.length != planes.length) {
            throw new IllegalArgumentException("flow is " + w + "x" + h + " but the planes hold " + planes.length
                    + " values and the fallback " + fallback.length + " for " + channels + " channels");
        }
        float[] f = flow.data();
        float[] out = new float[planes.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                double sx = Math.floor(x + f[2 * i] + 0.5);
                double sy = Math.floor(y + f[2 * i + 1] + 0.5);
                boolean inside = sx >= 0 && sx < w && sy >= 0 && sy < h;
                int src = inside ? (int) sy * w + (int) sx : i;
                float[] from = inside ? planes : fallback;
                for (int c = 0; c < channels; c++) {
                    out[c * n + i] = from[c * n + src];
                }
            }
        }
        return out;
    }
}
