package org.seg4j.bench;

/** Per-pixel argmax over NCHW scores held in a Java array. */
final class ClassMaps {

    private ClassMaps() {}

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
