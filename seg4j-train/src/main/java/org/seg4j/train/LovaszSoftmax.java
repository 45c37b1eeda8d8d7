package org.seg4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.seg4j.Seg4jException;
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
 * {@code torch.sort}: on a batch of 8 x 11 x 176 x 240 the sort alone took 0.7-1.1 s on 2 cores
 * (shared with a training run), against about 1.4 s for a whole training step of the CamVid
 * recipe. Errors closer than 2<sup>-16</sup> may therefore come in pixel order instead of value
 * order, which moves the loss by less than 2<sup>-16</sup> per class (exact ties are in arbitrary
 * order in the reference too); a pixel's own weight may then differ from the
 * reference's by up to one over the class's union at that position. The Jaccard weights are
 * constants of the loss (as in the reference, where they come from the labels alone), so the
 * gradient flows through the errors only.
 *
 * <p>On a GPU this path copies {@code C x P} floats to the host and back each step, where {@code
 * torch.sort} would be fast; it has been measured on the CPU only.
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
        int[] truthCount = new int[classes];
        for (int i = 0; i < pixels; i++) {
            if (valid[i] != 0f) {
                truthCount[(int) index[i]]++;
            }
        }
        int present = 0;
        for (int count : truthCount) {
            present += count > 0 ? 1 : 0;
        }
        if (present == 0) {
            return Scalars.mul(logits.sum(), 0f);
        }
        if ((long) classes * pixels > Integer.MAX_VALUE) {
            throw new Seg4jException("the Lovász loss holds classes x pixels in one Java array: " + classes
                    + " x " + pixels + " is too many; use a smaller batch or crop");
        }
        NDManager m = logits.getManager();
        Shape rows = new Shape(classes, pixels);
        // (C, P): one row of probabilities per class, pixels in the labels' order
        NDArray probs = logits.softmax(1).transpose(1, 0, 2, 3).reshape(rows);
        NDArray truth = m.create(index, new Shape(pixels)).oneHot(classes, DataType.FLOAT32).transpose();
        NDArray errors = truth.sub(probs).abs();
        // each class's row of errors is replaced by its pixels' Jaccard weights
        float[] weights = errors.toFloatArray();
        IntStream.range(0, classes).parallel().forEach(c -> {
            if (truthCount[c] > 0) {
                jaccardWeights(weights, index, valid, c, pixels, truthCount[c]);
            } else {
                Arrays.fill(weights, c * pixels, (c + 1) * pixels, 0f);
            }
        });
        return Scalars.div(errors.mul(m.create(weights, rows)).sum(), present);
    }

    /**
     * Algorithm 1 of the paper for class {@code c}, whose errors are the row {@code c} of {@code
     * rows}: visiting the labelled pixels by decreasing error, each one's weight is how much the
     * Jaccard loss of predicting all pixels visited so far as the class grows when it is added. The
     * row is overwritten with the weights; ignored pixels get 0.
     */
    private static void jaccardWeights(float[] rows, long[] index, float[] valid, int c, int pixels,
            int truthTotal) {
        int offset = c * pixels;
        int[] start = new int[LEVELS + 1];
        int[] key = new int[pixels];
        int labelled = 0;
        for (int i = 0; i < pixels; i++) {
            if (valid[i] == 0f) {
                key[i] = -1;
                continue;
            }
            // descending error = ascending key
            int k = LEVELS - 1 - Math.min(LEVELS - 1, Math.max(0, (int) (rows[offset + i] * LEVELS)));
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
            } else {
                rows[offset + i] = 0f;
            }
        }
        double truth = truthTotal;
        int truthSeen = 0;
        int falseSeen = 0;
        double previous = 0;
        for (int i : order) {
            if (index[i] == c) {
                truthSeen++;
            } else {
                falseSeen++;
            }
            double jaccard = 1 - (truth - truthSeen) / (truth + falseSeen);
            rows[offset + i] = (float) (jaccard - previous);
            previous = jaccard;
        }
    }
}
