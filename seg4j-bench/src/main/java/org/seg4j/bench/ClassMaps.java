package org.seg4j.bench;

import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/** Per-pixel argmax over NCHW scores, in a Java array or in (native) memory behind a buffer. */
final class ClassMaps {

    private ClassMaps() {}

    /**
     * As {@link #argmax(float[], int, int, int)} over the scores in {@code buffer} (e.g. an
     * engine's memory read in place), copying one class plane at a time into {@code scratch}
     * ({@code plane} floats) so no full copy of the scores is made.
     */
    static byte[] argmax(java.nio.ByteBuffer buffer, int n, int classes, int plane, float[] scratch) {
        FloatBuffer scores = buffer.order(ByteOrder.nativeOrder()).asFloatBuffer();
        if ((long) n * classes * plane != scores.remaining() || scratch.length < 2 * plane) {
            throw new IllegalArgumentException(scores.remaining() + " scores are not " + n + " x " + classes + " x "
                    + plane + ", or scratch is smaller than two planes");
        }
        byte[] out = new byte[n * plane];
        for (int b = 0; b < n; b++) {
            int base = b * classes * plane;
            scores.get(base, scratch, 0, plane);
            int o = b * plane;
            for (int c = 1; c < classes; c++) {
                scores.get(base + c * plane, scratch, plane, plane);
                byte id = (byte) c;
                for (int i = 0; i < plane; i++) {
                    float v = scratch[plane + i];
                    if (v > scratch[i]) {
                        scratch[i] = v;
                        out[o + i] = id;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The class of highest score of every pixel (ties to the lower id) of {@code n} images with
     * {@code classes} planes of {@code plane} pixels each.
     */
    static byte[] argmax(float[] scores, int n, int classes, int plane) {
        if ((long) n * classes * plane != scores.length) {
            throw new IllegalArgumentException(scores.length + " scores are not " + n + " x " + classes + " x " + plane);
        }
        byte[] out = new byte[n * plane];
        float[] best = new float[plane];
        for (int b = 0; b < n; b++) {
            int base = b * classes * plane;
            System.arraycopy(scores, base, best, 0, plane);
            int o = b * plane;
            for (int c = 1; c < classes; c++) {
                int off = base + c * plane;
                byte id = (byte) c;
                for (int i = 0; i < plane; i++) {
                    float v = scores[off + i];
                    if (v > best[i]) {
                        best[i] = v;
                        out[o + i] = id;
                    }
                }
            }
        }
        return out;
    }
}
