package org.seg4j.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Random;

/**
 * A small deterministic segmentation batch: a background of class 0 with rectangles of classes 1
 * and 2, each class with its own colour plus Gaussian noise.
 */
final class SyntheticBatch {

    static final int CLASSES = 3;
    private static final float[][] COLOURS = {{0.2f, 0.2f, 0.2f}, {0.9f, 0.2f, 0.1f}, {0.1f, 0.3f, 0.9f}};

    final NDArray images;
    final NDArray labels;

    SyntheticBatch(NDManager manager, int n, int height, int width, long seed) {
        Random rnd = new Random(seed);
        int[] label = new int[n * height * width];
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < 3; r++) {
                int cls = 1 + r % 2;
                int h = 6 + rnd.nextInt(height / 2);
                int w = 6 + rnd.nextInt(width / 2);
                int y0 = rnd.nextInt(height - h);
                int x0 = rnd.nextInt(width - w);
                for (int y = y0; y < y0 + h; y++) {
                    for (int x = x0; x < x0 + w; x++) {
                        label[(i * height + y) * width + x] = cls;
                    }
                }
            }
        }
        float[] image = new float[n * 3 * height * width];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < height * width; p++) {
                    int cls = label[i * height * width + p];
                    image[(i * 3 + c) * height * width + p] = COLOURS[cls][c] + 0.1f * (float) rnd.nextGaussian();
                }
            }
        }
        images = manager.create(image, new Shape(n, 3, height, width));
        labels = manager.create(label, new Shape(n, height, width));
    }
}
