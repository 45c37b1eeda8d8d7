package org.seg4j.infer.runtime;

import java.util.Arrays;
import org.seg4j.Seg4jException;
import org.seg4j.infer.Images;

/**
 * Turns the raw output of a model file into what {@link org.seg4j.infer.ForwardPass#run} returns:
 * checks its shape, applies the softmax over classes when asked and resizes the planes to the
 * input's size, in the same order as {@link org.seg4j.infer.NetworkForward}.
 */
public final class Logits {

    private Logits() {}

    /**
     * Scores at {@code h x w} from {@code logits} of shape {@code shape}.
     *
     * @param source named in errors (e.g. the model file)
     * @param shape the output's shape, expected {@code n x classes x oh x ow}
     */
    public static float[] toScores(String source, float[] logits, long[] shape, int n, int classes, int h, int w,
            boolean probabilities) {
        if (shape.length != 4 || shape[0] != n) {
            throw new Seg4jException(source + ": model returned shape " + Arrays.toString(shape) + " for input ["
                    + n + ", 3, " + h + ", " + w + "]; expected [" + n + ", classes, H, W]");
        }
        if (shape[1] != classes) {
            throw new Seg4jException(source + ": model returned " + shape[1] + " classes but its manifest lists "
                    + classes);
        }
        int oh = (int) shape[2];
        int ow = (int) shape[3];
        if (probabilities) {
            softmaxInPlace(logits, n, classes, oh * ow);
        }
        if (oh == h && ow == w) {
            return logits;
        }
        return Images.resizePlanes(logits, n * classes, ow, oh, w, h);
    }

    /** Softmax over the class planes of each of {@code n} images with {@code pixels} per plane. */
    static void softmaxInPlace(float[] x, int n, int classes, int pixels) {
        for (int b = 0; b < n; b++) {
            int base = b * classes * pixels;
            for (int p = 0; p < pixels; p++) {
                float max = Float.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, x[base + c * pixels + p]);
                }
                float sum = 0;
                for (int c = 0; c < classes; c++) {
                    int i = base + c * pixels + p;
                    x[i] = (float) Math.exp(x[i] - max);
                    sum += x[i];
                }
                for (int c = 0; c < classes; c++) {
                    x[base + c * pixels + p] /= sum;
                }
            }
        }
    }
}
