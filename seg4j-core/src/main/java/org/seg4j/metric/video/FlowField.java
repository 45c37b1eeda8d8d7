package org.seg4j.metric.video;

import java.util.Arrays;

/**
 * A dense optical flow from one frame to another: for pixel (x, y) of the first frame, the
 * displacement (dx, dy) in pixels to where it is seen in the second frame, so that
 * {@code first(x, y) ~ second(x + dx, y + dy)}. Stored interleaved, row-major
 * ({@code dx, dy} per pixel), the layout of OpenCV's {@code CV_32FC2} flow.
 *
 * @param width width in pixels
 * @param height height in pixels
 * @param data {@code 2 * width * height} floats: {@code data[2 * (y * width + x)]} is dx, the next one dy
 */
public record FlowField(int width, int height, float[] data) {

    public FlowField {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("flow size must be positive, got " + width + "x" + height);
        }
        if (data.length != 2L * width * height) {
            throw new IllegalArgumentException("flow data has " + data.length + " values, expected 2 x "
                    + width + " x " + height + " = " + 2L * width * height);
        }
    }

    /** A flow that moves every pixel by the same (dx, dy): a camera pan. */
    public static FlowField constant(int width, int height, float dx, float dy) {
        float[] d = new float[2 * width * height];
        for (int i = 0; i < d.length; i += 2) {
            d[i] = dx;
            d[i + 1] = dy;
        }
        return new FlowField(width, height, d);
    }

    /** Horizontal displacement of pixel (x, y). */
    public float dx(int x, int y) {
        return data[2 * (y * width + x)];
    }

    /** Vertical displacement of pixel (x, y). */
    public float dy(int x, int y) {
        return data[2 * (y * width + x) + 1];
    }

    /** Mean (dx, dy) over pixels whose flow is finite; {@code {NaN, NaN}} when none is. */
    public double[] mean() {
        double sx = 0;
        double sy = 0;
        long n = 0;
        for (int i = 0; i < data.length; i += 2) {
            if (Float.isFinite(data[i]) && Float.isFinite(data[i + 1])) {
                sx += data[i];
                sy += data[i + 1];
                n++;
            }
        }
        return n == 0 ? new double[] {Double.NaN, Double.NaN} : new double[] {sx / n, sy / n};
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowField f && f.width == width && f.height == height && Arrays.equals(f.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FlowField[" + width + "x" + height + "]";
    }
}
