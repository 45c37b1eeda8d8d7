package org.seg4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.stream.IntStream;
import org.seg4j.model.layer.Scalars;

/**
 * The Lovász-softmax loss (Berman, Rannen Triki and Blaschko, CVPR 2018): a convex surrogate of
 * {@code 1 - IoU} per class, averaged over the classes present in the batch's labels, so that it
 * optimises the mean IoU directly and gives a thin, rare class the same say as road.
 *
 * <p>For each class {@code c}: the errors {@code |fg_c - p_c|} of the non-ignored pixels of the whole
 * batch are sorted in decreasing order, and the loss is their dot product with the gradient of the
 * Lovász extension of the Jaccard loss at that order (Algorithm 1 of the paper). This is
 * segmentation_models.pytorch's {@code LovaszLoss(mode="multiclass", per_image=False,
 * ignore_index=255)}, the reference the tests compare with.
 *
 * <p>The order is found on the CPU by a counting sort of the errors quantised to 16 bits, not by
 * {@code torch.sort}: on a batch of 8 x 11 x 176 x 240 the sort alone took longer than a training
 * step's forward and backward passes. Errors closer than 2<sup>-16</sup> may therefore come in pixel
 * order instead of value order, which moves the loss by less than 2<sup>-16</sup> per class (exact
 * ties are in arbitrary order in the reference too). The Jaccard weights of the sorted positions
 * are constants of the loss (as in the reference, where they come from the labels alone), so the
 * gradient flows through the errors only.
 */
final class LovaszSoftmax {

    private static final int LEVELS = 1 << 16;

    private LovaszSoftmax() {}

    /**
     * The loss for logits {@code (N, C, H, W)}.
     *
     * @param index per pixel ({@code N * H * W}, row-major) the class id; any value where {@code valid} is 0
     * @param valid per pixel 1 for a labelled pixel and 0 for an ignored one
     * @return a scalar attached to the logits' manager; 0 with a zero gradient when no class is present
     */
    static NDArray compute(NDArray logits, long[] index, float[] valid) {
        Shape s = logits.getShape();
        int classes = Math.toIntExact(s.get(1));
        int pixels = valid.length;
        NDManager m = logits.getManager();
        float[] fg = new float[classes * pixels];
        int[] truthCount = new int[classes];
        for (int i = 0; i < pixels; i++) {
            if (valid[i] != 0f) {
                int c = (int) index[i];
                fg[c * pixels + i] = 1f;
                truthCount[c]++;
            }
        }
        int present = 0;
        for (int count : truthCount) {
            present += count > 0 ? 1 : 0;
        }
        if (present == 0) {
            return Scalars.mul(logits.sum(), 0f);
        }
        // (C, P): one row of probabilities per class, pixels in the labels' order
        NDArray probs = logits.softmax(1).transpose(1, 0, 2, 3).reshape(classes, pixels);
        NDArray errors = m.create(fg, new Shape(classes, pixels)).sub(probs).abs();
        float[] errorValues = errors.toFloatArray();
        float[] weights = new float[classes * pixels];
        IntStream.range(0, classes).parallel().filter(c -> truthCount[c] > 0).forEach(c ->
                jaccardWeights(errorValues, fg, valid, c * pixels, pixels, truthCount[c], weights));
        return Scalars.div(errors.mul(m.create(weights, new Shape(classes, pixels))).sum(), present);
    }

    /**
     * Algorithm 1 of the paper for one class (the row at {@code offset}): visiting the labelled
     * pixels by decreasing error, each one's weight is how much the Jaccard loss of predicting all
     * pixels visited so far as the class grows when it is added. Ignored pixels keep weight 0.
     */
    private static void jaccardWeights(float[] errors, float[] fg, float[] valid, int offset, int pixels,
            int truthTotal, float[] weights) {
        int[] start = new int[LEVELS + 1];
        int[] key = new int[pixels];
        int labelled = 0;
        for (int i = 0; i < pixels; i++) {
            if (valid[i] == 0f) {
                key[i] = -1;
                continue;
            }
            // descending error = ascending key
            int k = LEVELS - 1 - Math.min(LEVELS - 1, Math.max(0, (int) (errors[offset + i] * LEVELS)));
            key[i] = k;
            start[k + 1]++;
            labelled++;
        }
        for (int k = 0; k < LEVELS; k++) {
            start[k + 1] += start[k];
        }
        int[] order = new int[labelled];
        for (int i = 0; i < pixels; i++) {
            if (key[i] >= 0) {
                order[start[key[i]]++] = i;
            }
        }
        double truth = truthTotal;
        int truthSeen = 0;
        int falseSeen = 0;
        double previous = 0;
        for (int i : order) {
            if (fg[offset + i] != 0f) {
                truthSeen++;
            } else {
                falseSeen++;
            }
            double jaccard = 1 - (truth - truthSeen) / (truth + falseSeen);
            weights[offset + i] = (float) (jaccard - previous);
            previous = jaccard;
        }
    }
}
