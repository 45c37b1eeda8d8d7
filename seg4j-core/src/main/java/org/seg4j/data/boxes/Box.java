package org.seg4j.data.boxes;

/**
 * An axis-aligned box around one object of one class, in pixels; {@code x1} and {@code y1} are
 * exclusive, so the box covers {@code (x1 - x0) * (y1 - y0)} pixels.
 *
 * @param classId the class id
 * @param x0 left column (inclusive)
 * @param y0 top row (inclusive)
 * @param x1 right column (exclusive)
 * @param y1 bottom row (exclusive)
 */
public record Box(int classId, int x0, int y0, int x1, int y1) {

    public Box {
        if (classId < 0 || x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0) {
            throw new IllegalArgumentException("bad box: class " + classId + ", [" + x0 + ", " + y0 + ", " + x1
                    + ", " + y1 + "] (need class >= 0, 0 <= x0 < x1, 0 <= y0 < y1)");
        }
    }

    /** Width in pixels. */
    public int width() {
        return x1 - x0;
    }

    /** Height in pixels. */
    public int height() {
        return y1 - y0;
    }

    /** Pixels covered. */
    public long area() {
        return (long) width() * height();
    }

    /** Whether pixel (x, y) lies inside. */
    public boolean contains(int x, int y) {
        return x >= x0 && x < x1 && y >= y0 && y < y1;
    }
}
