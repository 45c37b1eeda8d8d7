package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.seg4j.model.layer.FreedConstantChurn;

class LovaszSoftmaxTest {

    private static final byte VOID = (byte) 255;

    /**
     * One image of three pixels, two classes: pixel 0 has logits (0, 0) and label 0, pixel 1 logits
     * (1, 0) and label 1, pixel 2 is void. With s = e / (1 + e), class 0's errors sorted are
     * (s, 0.5) with truth (0, 1), whose Jaccard gradient is (0.5, 0.5); class 1's are (s, 0.5) with
     * truth (1, 0), gradient (1, 0). The mean of the two is (3s + 0.5) / 4.
     */
    @Test
    void matchesHandValueAndIgnoresVoidPixels() {
        double s = Math.E / (1 + Math.E);
        double expected = (3 * s + 0.5) / 4;
        SegmentationLoss lovasz = new SegmentationLoss(2, null, SegmentationLoss.Kind.LOVASZ);
        try (NDManager m = NDManager.newBaseManager()) {
            // [c][w]; the void pixel's logits must not matter
            for (float voidLogit : new float[] {0f, 30f, -30f}) {
                NDArray x = m.create(new float[] {0f, 1f, voidLogit, 0f, 0f, -voidLogit}, new Shape(1, 2, 1, 3));
                assertThat(lovasz.compute(x, new byte[] {0, 1, VOID}).getFloat()).isCloseTo((float) expected,
                        within(1e-6f));
            }
        }
    }

    @Test
    void allVoidGivesZeroWithAZeroGradient() {
        SegmentationLoss lovasz = new SegmentationLoss(2, null, SegmentationLoss.Kind.CE_LOVASZ);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, 2f, 3f, 4f}, new Shape(1, 2, 1, 2));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = lovasz.compute(x, new byte[] {VOID, VOID});
                assertThat(l.getFloat()).isEqualTo(0f);
                gc.backward(l);
            }
            assertThat(x.getGradient().abs().sum().getFloat()).isEqualTo(0f);
        }
    }

    /** Logits {@code 3 sin(0.37 i + 0.5)} over the (N, C, H, W) elements in order. */
    private static float[] referenceLogits(int size) {
        float[] logits = new float[size];
        for (int i = 0; i < size; i++) {
            logits[i] = (float) (3 * Math.sin(0.37 * i + 0.5));
        }
        return logits;
    }

    /** Label {@code (7p + p / 3) mod 4} per pixel p, 3 meaning void, then taken modulo {@code classesUsed}. */
    private static byte[] referenceLabels(int pixels, int classesUsed) {
        byte[] labels = new byte[pixels];
        for (int p = 0; p < pixels; p++) {
            int v = (7 * p + p / 3) % 4;
            labels[p] = v == 3 ? VOID : (byte) (v % classesUsed);
        }
        return labels;
    }

    /**
     * Loss and gradient against segmentation_models.pytorch's {@code LovaszLoss(mode="multiclass",
     * ignore_index=255)} on N=2, C=3, H=4, W=5 (values printed by bench/parity/lovasz_reference.py:
     * smp's lovasz.py at commit 14c60e2, torch 2.13 on CPU, float32). The gradient survives
     * constants being freed and collected between forward and backward (see Scalars).
     */
    @Test
    void matchesTheReferenceImplementationInValueAndGradient() {
        float[] logits = referenceLogits(2 * 3 * 4 * 5);
        byte[] labels = referenceLabels(2 * 4 * 5, 3);
        float[] g = lossAndGradient(logits, labels, 0.72012663f, 0.19274250f);
        assertThat(g[7]).isEqualTo(0f); // a void pixel
        assertEntries(g, new int[] {0, 23, 66, 90, 119},
                new float[] {-0.00420478f, -0.00116764f, 0.00015313f, 0.00380408f, -0.00060534f});
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray y = m.create(logits, new Shape(2, 3, 4, 5));
            assertThat(new SegmentationLoss(3, null, SegmentationLoss.Kind.CE_LOVASZ).compute(y, labels).getFloat())
                    .isCloseTo(2.68283749f, within(1e-5f));
        }
    }

    /**
     * The same with class 2 absent from the labels: the mean is over the two present classes
     * (dividing by all three would give 2/3 of the reference value).
     */
    @Test
    void averagesOverTheClassesPresentInTheLabels() {
        float[] logits = referenceLogits(2 * 3 * 4 * 5);
        byte[] labels = referenceLabels(2 * 4 * 5, 2);
        float[] g = lossAndGradient(logits, labels, 0.72863996f, 0.19383667f);
        assertEntries(g, new int[] {0, 23, 45, 66, 119},
                new float[] {-0.00488690f, 0.00202026f, 0.00008811f, -0.00043329f, 0.00017809f});
    }

    private static void assertEntries(float[] gradient, int[] at, float[] expected) {
        for (int k = 0; k < at.length; k++) {
            assertThat(gradient[at[k]]).as("gradient[%d]", at[k]).isCloseTo(expected[k], within(1e-6f));
        }
    }

    /** Checks the Lovász loss value and gradient L1 norm of N=2, C=3, H=4, W=5 logits; returns the gradient. */
    private static float[] lossAndGradient(float[] logits, byte[] labels, float loss, float gradientL1) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(logits, new Shape(2, 3, 4, 5));
            x.setRequiresGradient(true);
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = new SegmentationLoss(3, null, SegmentationLoss.Kind.LOVASZ).compute(x, labels);
                value = l.getFloat();
                FreedConstantChurn.run(m);
                gc.backward(l);
            }
            assertThat(value).isCloseTo(loss, within(1e-5f));
            assertThat(x.getGradient().abs().sum().getFloat()).isCloseTo(gradientL1, within(1e-5f));
            return x.getGradient().toFloatArray();
        }
    }

    /** Gradient descent on the loss alone, from all-zero logits, labels every pixel right. */
    @Test
    void descendingTheLossAloneFitsTheLabels() {
        int c = 3;
        byte[] labels = new byte[2 * 4 * 4];
        for (int p = 0; p < labels.length; p++) {
            labels[p] = p % 5 == 4 ? VOID : (byte) ((p * 5 + p / 4) % c);
        }
        SegmentationLoss lovasz = new SegmentationLoss(c, null, SegmentationLoss.Kind.LOVASZ);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.zeros(new Shape(2, c, 4, 4));
            x.setRequiresGradient(true);
            float first = Float.NaN;
            float last = Float.NaN;
            for (int step = 0; step < 200; step++) {
                try (NDManager s = m.newSubManager(); GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    // the step's arrays live in s, as in training, where the logits come from a sub-manager
                    NDArray l = lovasz.compute(s.zeros(x.getShape()).add(x), labels);
                    last = l.getFloat();
                    first = step == 0 ? last : first;
                    gc.backward(l);
                }
                x.subi(x.getGradient().mul(20f));
            }
            assertThat(last).isLessThan(first / 10);
            int[] predicted = x.argMax(1).toType(DataType.INT32, false).toIntArray();
            for (int p = 0; p < labels.length; p++) {
                if (labels[p] != VOID) {
                    assertThat(predicted[p]).as("pixel %d", p).isEqualTo(labels[p]);
                }
            }
        }
    }
}
