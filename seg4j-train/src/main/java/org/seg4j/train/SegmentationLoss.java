package org.seg4j.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;
import org.seg4j.model.layer.Scalars;

/**
 * Per-pixel segmentation loss over logits {@code (N, C, H, W)} and labels {@code (N, H, W)}:
 * softmax cross-entropy with an ignore label ({@link LabelMask#IGNORE}) and optional class
 * weights, a soft Dice loss, the Lovász-softmax loss ({@link LovaszSoftmax}), or cross-entropy plus
 * one of the other two.
 *
 * <p>Cross-entropy matches PyTorch's {@code CrossEntropyLoss(weight=w, ignore_index=255)}: the
 * weighted mean {@code sum(w[y] * nll) / sum(w[y])} over the non-ignored pixels. The Dice term is
 * {@code 1 - mean_c (2 * sum(p_c * t_c) + 1) / (sum(p_c) + sum(t_c) + 1)} over the non-ignored
 * pixels of the batch (classes absent from both prediction and truth score close to 1).
 *
 * <p>With label smoothing {@code e}, the cross-entropy term is PyTorch's
 * {@code CrossEntropyLoss(weight=w, ignore_index=255, label_smoothing=e)}: per pixel
 * {@code (1 - e) * w[y] * nll + (e / C) * sum_c w[c] * (-log p_c)}, summed and divided by
 * {@code sum(w[y])} as above.
 *
 * <p>Every array the loss creates is attached to the manager of {@code logits}, so a caller that
 * computes the logits in a per-step sub-manager frees everything when that manager closes.
 */
public final class SegmentationLoss {

    /** Which loss terms are used. */
    public enum Kind {
        /** Softmax cross-entropy. */
        CE,
        /** Soft Dice. */
        DICE,
        /** Cross-entropy plus Dice. */
        CE_DICE,
        /** Lovász-softmax. */
        LOVASZ,
        /** Cross-entropy plus Lovász-softmax. */
        CE_LOVASZ;

        /** Parses {@code ce}, {@code dice}, {@code ce+dice}, {@code lovasz} or {@code ce+lovasz}. */
        public static Kind parse(String name) {
            String n = name == null ? "ce" : name.trim().toLowerCase(Locale.ROOT);
            return switch (n) {
                case "ce", "cross-entropy", "cross_entropy", "crossentropy" -> CE;
                case "dice" -> DICE;
                case "ce+dice", "ce_dice", "ce-dice", "dice+ce" -> CE_DICE;
                case "lovasz", "lovasz-softmax", "lovasz_softmax" -> LOVASZ;
                case "ce+lovasz", "ce_lovasz", "ce-lovasz", "lovasz+ce" -> CE_LOVASZ;
                default -> throw new Seg4jException("unknown loss '" + name
                        + "'; valid: ce, dice, ce+dice, lovasz, ce+lovasz");
            };
        }

        /** The name used in configuration files. */
        public String configName() {
            return switch (this) {
                case CE -> "ce";
                case DICE -> "dice";
                case CE_DICE -> "ce+dice";
                case LOVASZ -> "lovasz";
                case CE_LOVASZ -> "ce+lovasz";
            };
        }

        boolean hasCrossEntropy() {
            return this == CE || this == CE_DICE || this == CE_LOVASZ;
        }

        boolean hasDice() {
            return this == DICE || this == CE_DICE;
        }

        boolean hasLovasz() {
            return this == LOVASZ || this == CE_LOVASZ;
        }
    }

    private final int numClasses;
    private final float[] classWeights;
    private final Kind kind;
    private final float labelSmoothing;

    /**
     * @param numClasses number of classes (channels of the logits)
     * @param classWeights per-class weights for cross-entropy, or {@code null} for all 1
     * @param kind loss terms
     */
    public SegmentationLoss(int numClasses, float[] classWeights, Kind kind) {
        this(numClasses, classWeights, kind, 0);
    }

    /**
     * @param numClasses number of classes (channels of the logits)
     * @param classWeights per-class weights for cross-entropy, or {@code null} for all 1
     * @param kind loss terms
     * @param labelSmoothing label smoothing of the cross-entropy term, in [0, 1)
     */
    public SegmentationLoss(int numClasses, float[] classWeights, Kind kind, double labelSmoothing) {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new Seg4jException("label smoothing must be in [0, 1), got " + labelSmoothing);
        }
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be positive");
        }
        if (classWeights != null) {
            if (classWeights.length != numClasses) {
                throw new Seg4jException("class weights have " + classWeights.length + " values but there are "
                        + numClasses + " classes");
            }
            for (float w : classWeights) {
                if (!(w >= 0) || Float.isInfinite(w)) {
                    throw new Seg4jException("class weights must be finite and non-negative: "
                            + Arrays.toString(classWeights));
                }
            }
        }
        this.numClasses = numClasses;
        this.classWeights = classWeights == null ? null : classWeights.clone();
        this.kind = kind;
        this.labelSmoothing = (float) labelSmoothing;
    }

    /** Unweighted cross-entropy. */
    public SegmentationLoss(int numClasses) {
        this(numClasses, null, Kind.CE);
    }

    public int numClasses() {
        return numClasses;
    }

    public Kind kind() {
        return kind;
    }

    /** A copy of the class weights, or {@code null} when unweighted. */
    public float[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /**
     * The scalar loss.
     *
     * @param logits {@code (N, C, H, W)} network output
     * @param labels {@code N * H * W} labels (unsigned bytes, {@link LabelMask#IGNORE} skipped)
     * @return a scalar float array attached to the logits' manager; 0 (with a zero gradient) when
     *     every pixel is ignored
     */
    public NDArray compute(NDArray logits, byte[] labels) {
        return compute(logits, labels, null);
    }

    /**
     * The scalar loss with a weight per pixel on top of the class weights (Panoptic-DeepLab weights
     * small instances up): cross-entropy is {@code sum(w[y] * p * nll) / sum(w[y] * p)}; the Dice
     * and Lovász terms ignore the pixel weights.
     *
     * @param pixelWeights {@code N * H * W} non-negative weights, or {@code null} for all 1
     */
    public NDArray compute(NDArray logits, byte[] labels, float[] pixelWeights) {
        Shape s = logits.getShape();
        if (s.dimension() != 4 || s.get(1) != numClasses) {
            throw new IllegalArgumentException("logits must be (N, " + numClasses + ", H, W), got " + s);
        }
        long n = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        int pixels = Math.toIntExact(n * h * w);
        if (labels.length != pixels) {
            throw new IllegalArgumentException("labels have " + labels.length + " values, logits cover " + pixels
                    + " pixels " + s);
        }
        if (pixelWeights != null && pixelWeights.length != pixels) {
            throw new IllegalArgumentException("pixel weights have " + pixelWeights.length + " values, logits cover "
                    + pixels + " pixels " + s);
        }
        long[] index = new long[pixels];
        float[] pixelWeight = new float[pixels];
        // the non-ignored pixels, for the Dice, Lovász and label-smoothing terms
        float[] valid = kind == Kind.CE && labelSmoothing == 0 ? null : new float[pixels];
        double weightSum = 0;
        int validCount = 0;
        for (int i = 0; i < pixels; i++) {
            int y = labels[i] & 0xFF;
            if (y == LabelMask.IGNORE) {
                continue;
            }
            if (y >= numClasses) {
                throw new Seg4jException("label " + y + " is not a class id (0.." + (numClasses - 1)
                        + ") nor the void value " + LabelMask.IGNORE);
            }
            index[i] = y;
            if (valid != null) {
                valid[i] = 1f;
            }
            validCount++;
            float wy = (classWeights == null ? 1f : classWeights[y]) * (pixelWeights == null ? 1f : pixelWeights[i]);
            pixelWeight[i] = wy;
            weightSum += wy;
        }
        NDManager m = logits.getManager();
        Shape pixelShape = new Shape(n, 1, h, w);
        NDArray total = null;
        if (kind.hasCrossEntropy()) {
            if (weightSum <= 0) {
                total = Scalars.mul(logits.sum(), 0f);
            } else {
                NDArray logp = logits.logSoftmax(1);
                NDArray idx = m.create(index, pixelShape);
                NDArray picked = logp.gather(idx, 1);
                NDArray pw = m.create(pixelWeight, pixelShape);
                NDArray nll = picked.mul(pw).sum().neg();
                if (labelSmoothing > 0) {
                    nll = Scalars.mul(nll, 1f - labelSmoothing).add(Scalars.mul(smoothingTerm(logp, valid, m),
                            labelSmoothing / numClasses));
                }
                total = Scalars.div(nll, (float) weightSum);
            }
        }
        if (kind.hasLovasz()) {
            NDArray lovasz = LovaszSoftmax.compute(logits, index, valid);
            total = total == null ? lovasz : total.add(lovasz);
        }
        if (kind.hasDice()) {
            NDArray dice;
            if (validCount == 0) {
                dice = Scalars.mul(logits.sum(), 0f);
            } else {
                NDArray mask = m.create(valid, pixelShape);
                NDArray probs = logits.softmax(1).mul(mask);
                NDArray idx = m.create(index, new Shape(n, h, w));
                NDArray onehot = idx.oneHot(numClasses, DataType.FLOAT32).transpose(0, 3, 1, 2).mul(mask);
                int[] axes = {0, 2, 3};
                NDArray inter = probs.mul(onehot).sum(axes);
                NDArray denom = probs.sum(axes).add(onehot.sum(axes));
                dice = Scalars.mul(inter, 2f).add(1f).div(denom.add(1f)).mean().neg().add(1f);
            }
            total = total == null ? dice : total.add(dice);
        }
        return total;
    }

    /** {@code sum over non-ignored pixels ({@code valid}) and classes of w[c] * (-log p_c)}. */
    private NDArray smoothingTerm(NDArray logp, float[] valid, NDManager m) {
        Shape s = logp.getShape();
        NDArray mask = m.create(valid, new Shape(s.get(0), 1, s.get(2), s.get(3)));
        NDArray perClass = logp.mul(mask);
        if (classWeights != null) {
            perClass = perClass.mul(m.create(classWeights, new Shape(1, numClasses, 1, 1)));
        }
        return perClass.sum().neg();
    }
}
