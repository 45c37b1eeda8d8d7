package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Test;
import org.seg4j.model.layer.FreedConstantChurn;

class SegmentationLossTest {

    // N=1, C=2, H=1, W=3 laid out as [c][w]: pixel 0 logits (0, 0), pixel 1 (1, 0), pixel 2 (5, -5)
    private static float[] logits(float p2c0, float p2c1) {
        return new float[] {0f, 1f, p2c0, 0f, 0f, p2c1};
    }

    private static final byte[] LABELS = {0, 1, (byte) 255};

    private static double value(SegmentationLoss loss, float[] data) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(data, new Shape(1, 2, 1, 3));
            return loss.compute(x, LABELS).getFloat();
        }
    }

    @Test
    void crossEntropyMatchesHandValueAndSkipsIgnoredPixels() {
        SegmentationLoss loss = new SegmentationLoss(2);
        double expected = (Math.log(2) + Math.log(1 + Math.E)) / 2;
        assertThat(value(loss, logits(5f, -5f))).isCloseTo(expected, within(1e-5));
        assertThat(value(loss, logits(-30f, 40f))).isCloseTo(expected, within(1e-5));
    }

    @Test
    void weightedCrossEntropyIsWeightedMean() {
        SegmentationLoss loss = new SegmentationLoss(2, new float[] {1f, 3f}, SegmentationLoss.Kind.CE);
        double expected = (1 * Math.log(2) + 3 * Math.log(1 + Math.E)) / 4;
        assertThat(value(loss, logits(5f, -5f))).isCloseTo(expected, within(1e-5));
    }

    /**
     * PyTorch's {@code cross_entropy(x, y, weight=[1, 3], ignore_index=255, label_smoothing=0.1)} on
     * these logits gives 1.1302300691604614 (torch 2.13); the same by hand:
     * {@code (0.9 * sum w[y] nll + 0.05 * sum_c w[c] (-log p_c)) / sum w[y]}.
     */
    @Test
    void labelSmoothingMatchesPyTorchWithClassWeights() {
        SegmentationLoss loss = new SegmentationLoss(2, new float[] {1f, 3f}, SegmentationLoss.Kind.CE, 0.1);
        double nll = Math.log(2) + 3 * Math.log(1 + Math.E);
        double smooth = 4 * Math.log(2) + Math.log(1 + Math.exp(-1)) + 3 * Math.log(1 + Math.E);
        double expected = (0.9 * nll + 0.05 * smooth) / 4;
        assertThat(expected).isCloseTo(1.1302300691604614, within(1e-6));
        assertThat(value(loss, logits(5f, -5f))).isCloseTo(expected, within(1e-5));
        assertThat(value(loss, logits(-30f, 40f))).isCloseTo(expected, within(1e-5)); // void pixel ignored
        assertThat(value(new SegmentationLoss(2, new float[] {1f, 3f}, SegmentationLoss.Kind.CE, 0),
                logits(5f, -5f))).isCloseTo(nll / 4, within(1e-5));
    }

    @Test
    void labelSmoothingOutsideRangeIsRejected() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> new SegmentationLoss(2, null, SegmentationLoss.Kind.CE, 1.0))
                .hasMessageContaining("label smoothing must be in [0, 1)");
    }

    /**
     * d loss / d logit = w_y (softmax - onehot) / sum(w) on labelled pixels, 0 on void ones, even
     * when the garbage collector runs and other constants come and go between forward and backward
     * (a constant freed after the forward pass used to scale this gradient by garbage; see Scalars).
     */
    @Test
    void weightedCrossEntropyGradientIsExactAfterGcBetweenForwardAndBackward() {
        SegmentationLoss loss = new SegmentationLoss(2, new float[] {1f, 3f}, SegmentationLoss.Kind.CE);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(logits(5f, -5f), new Shape(1, 2, 1, 3));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.compute(x, LABELS);
                FreedConstantChurn.run(m);
                gc.backward(l);
            }
            float[] g = x.getGradient().toFloatArray(); // [c][w]
            double p1 = 1 / (1 + Math.exp(-1)); // softmax of class 0 at pixel 1 (logits 1, 0)
            assertThat(g[0]).isCloseTo((float) (1 * (0.5 - 1) / 4), within(1e-6f));
            assertThat(g[3]).isCloseTo((float) (1 * 0.5 / 4), within(1e-6f));
            assertThat(g[1]).isCloseTo((float) (3 * p1 / 4), within(1e-6f));
            assertThat(g[4]).isCloseTo((float) (3 * (1 - p1 - 1) / 4), within(1e-6f));
            assertThat(g[2]).isEqualTo(0f);
            assertThat(g[5]).isEqualTo(0f);
        }
    }

    @Test
    void allIgnoredGivesZeroWithGradient() {
        SegmentationLoss loss = new SegmentationLoss(2);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(logits(1f, 2f), new Shape(1, 2, 1, 3));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.compute(x, new byte[] {(byte) 255, (byte) 255, (byte) 255});
                assertThat(l.getFloat()).isEqualTo(0f);
                gc.backward(l);
            }
            assertThat(x.getGradient().abs().sum().getFloat()).isEqualTo(0f);
        }
    }

    @Test
    void diceLossOfPerfectPredictionIsNearZero() {
        SegmentationLoss dice = new SegmentationLoss(2, null, SegmentationLoss.Kind.DICE);
        // confident and correct on both labelled pixels
        float[] data = {40f, -40f, 0f, -40f, 40f, 0f};
        assertThat(value(dice, data)).isLessThan(0.01);
        float[] wrong = {-40f, 40f, 0f, 40f, -40f, 0f};
        assertThat(value(dice, wrong)).isGreaterThan(0.6);
        SegmentationLoss both = new SegmentationLoss(2, null, SegmentationLoss.Kind.CE_DICE);
        assertThat(value(both, wrong)).isGreaterThan(value(dice, wrong) + 10);
    }

    @Test
    void kindNamesParseAndRoundTrip() {
        assertThat(SegmentationLoss.Kind.parse("Lovasz")).isEqualTo(SegmentationLoss.Kind.LOVASZ);
        assertThat(SegmentationLoss.Kind.parse("lovasz+ce")).isEqualTo(SegmentationLoss.Kind.CE_LOVASZ);
        for (SegmentationLoss.Kind k : SegmentationLoss.Kind.values()) {
            assertThat(SegmentationLoss.Kind.parse(k.configName())).isEqualTo(k);
        }
    }
}
