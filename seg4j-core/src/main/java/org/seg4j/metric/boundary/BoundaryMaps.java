package org.seg4j.metric.boundary;

import java.util.Arrays;
import org.seg4j.data.LabelMask;

/**
 * The class boundary pixels of a prediction and its truth. A pixel lies on the boundary of class
 * {@code c} when it is {@code c} and one of its 4-neighbours is another class. Void pixels of the
 * truth are left out of both maps, as if they were not in the image: they are never boundary
 * pixels, and a void neighbour makes no boundary (the edge of an unlabelled area is not a class
 * edge), nor does the image border.
 */
final class BoundaryMaps {

    /** Value of a pixel that is on no boundary. */
    static final int NONE = -1;

    private BoundaryMaps() {}

    /**
     * The boundary map of {@code labels}: per pixel its class when on that class's boundary, else
     * {@link #NONE}.
     *
     * @param labels the labels to trace (the prediction or the truth)
     * @param truth the truth, whose void pixels are skipped
     */
    static int[] of(byte[] labels, byte[] truth, int width, int height) {
        int[] out = new int[width * height];
        Arrays.fill(out, NONE);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                int i = row + x;
                if ((truth[i] & 0xFF) == LabelMask.IGNORE) {
                    continue;
                }
                byte c = labels[i];
                if ((x > 0 && differs(labels, truth, i - 1, c))
                        || (x + 1 < width && differs(labels, truth, i + 1, c))
                        || (y > 0 && differs(labels, truth, i - width, c))
                        || (y + 1 < height && differs(labels, truth, i + width, c))) {
                    out[i] = c & 0xFF;
                }
            }
        }
        return out;
    }

    private static boolean differs(byte[] labels, byte[] truth, int j, byte c) {
        return labels[j] != c && (truth[j] & 0xFF) != LabelMask.IGNORE;
    }
}
