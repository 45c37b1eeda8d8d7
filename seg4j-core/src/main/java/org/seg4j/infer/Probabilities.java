package org.seg4j.infer;

import org.seg4j.data.LabelMask;

/**
 * Per-pixel class probabilities in CHW layout: {@code data[c * height * width + y * width + x]}.
 * Memory is {@code 4 * classes * width * height} bytes.
 *
 * @param numClasses number of classes
 * @param width width in pixels
 * @param height height in pixels
 * @param data the probabilities
 */
public record Probabilities(int numClasses, int width, int height, float[] data) {

    public Probabilities {
        if (numClasses < 1 || width < 1 || height < 1) {
            throw new IllegalArgumentException("bad probability map size " + numClasses + "x" + height + "x" + width);
        }
        if ((long) numClasses * width * height != data.length) {
            throw new IllegalArgumentException("probability data has " + data.length + " values, expected "
                    + (long) numClasses * width * height);
        }
    }

    /** Probability of class {@code c} at (x, y). */
    public float get(int c, int x, int y) {
        return data[(c * height + y) * width + x];
    }

    /** The most probable class of every pixel (ties go to the lower id). */
    public LabelMask argmax() {
        int plane = width * height;
        byte[] labels = new byte[plane];
        float[] best = new float[plane];
        System.arraycopy(data, 0, best, 0, plane);
        for (int c = 1; c < numClasses; c++) {
            int base = c * plane;
            byte id = (byte) c;
            for (int i = 0; i < plane; i++) {
                float v = data[base + i];
                if (v > best[i]) {
                    best[i] = v;
                    labels[i] = id;
                }
            }
        }
        return new LabelMask(width, height, labels);
    }
}
