package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;

/**
 * {@link TemporalConsistencyLoss} against values worked out by hand on clips of 2 frames, 2 classes
 * and 1 x 3 pixels. Frame 0's class-0 logits are {@code [0, ln 3, 0]} (class 1 all 0), so its
 * class-0 probabilities are {@code [0.5, 0.75, 0.5]}; frame 1's logits are all 0 (probabilities 0.5).
 */
class TemporalConsistencyLossTest {

    private static final float LN3 = (float) Math.log(3);
    private static final float[] LOGITS = {0, LN3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    @Test
    void aWholePixelShiftComparesEachPixelWithItsSourceAndDropsThoseFromOutside() {
        // frame 1 reads frame 0 one pixel to the right: x=0 <- 0.75, x=1 <- 0.5, x=2 <- outside (left out)
        // x=0: (0.5 - 0.75)^2 + (0.5 - 0.25)^2 = 0.125; x=1: 0; mean over 2 pixels = 0.0625; weight 2
        assertThat(loss(2, LOGITS, flowDx(1f), new byte[6])).isCloseTo(0.125f, offset(1e-6f));
    }

    @Test
    void aFractionalShiftInterpolatesThePreviousProbabilities() {
        // dx = 0.5: x=0 <- (0.5 + 0.75) / 2 = 0.625, x=1 <- (0.75 + 0.5) / 2 = 0.625, x=2 needs x=3: left out
        // each: 2 * 0.125^2 = 0.03125; mean 0.03125
        assertThat(loss(1, LOGITS, flowDx(0.5f), new byte[6])).isCloseTo(0.03125f, offset(1e-6f));
    }

    @Test
    void voidPixelsOfTheCurrentFrameDoNotCount() {
        byte[] labels = new byte[6];
        labels[4] = (byte) LabelMask.IGNORE; // frame 1, x=1 (the pixel that agrees): only x=0 is left
        assertThat(loss(1, LOGITS, flowDx(1f), labels)).isCloseTo(0.125f, offset(1e-6f));
        labels[3] = (byte) LabelMask.IGNORE; // nothing left: zero
        assertThat(loss(1, LOGITS, flowDx(1f), labels)).isZero();
    }

    @Test
    void anUnchangedSceneUnderAZeroFlowCostsNothing() {
        float[] same = {1, 2, 3, 0, 0, 0, 1, 2, 3, 0, 0, 0};
        assertThat(loss(1, same, new float[12], new byte[6])).isCloseTo(0f, offset(1e-7f));
    }

    @Test
    void eachClipsFirstFrameIsComparedWithNothingBeforeIt() {
        // two clips of 2: clip 2 repeats clip 1, so the mean is the same as for one clip
        float[] logits = new float[24];
        System.arraycopy(LOGITS, 0, logits, 0, 12);
        System.arraycopy(LOGITS, 0, logits, 12, 12);
        float[] flows = new float[24];
        System.arraycopy(flowDx(1f), 0, flows, 0, 12);
        System.arraycopy(flowDx(1f), 0, flows, 12, 12);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray l = new TemporalConsistencyLoss(1).compute(m.create(logits, new Shape(4, 2, 1, 3)),
                    m.create(flows, new Shape(4, 2, 1, 3)), new byte[12], 2);
            assertThat(l.getFloat()).isCloseTo(0.0625f, offset(1e-6f));
        }
    }

    @Test
    void onlyTheCurrentFrameReceivesAGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(LOGITS, new Shape(2, 2, 1, 3));
            logits.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray l = new TemporalConsistencyLoss(1).compute(logits, m.create(flowDx(1f), new Shape(2, 2, 1, 3)),
                        new byte[6], 2);
                gc.backward(l);
            }
            float[] g = logits.getGradient().toFloatArray();
            for (int i = 0; i < 6; i++) {
                assertThat(g[i]).as("frame 0 is the target, a constant").isZero();
            }
            // d/dz0 at x=0 of frame 1: L = ((q - 0.75)^2 + (0.75 - q)^2) / 2 with q = sigmoid(z0 - z1),
            // dL/dq = 2 (q - 0.75) = -0.5, dq/dz0 = q (1 - q) = 0.25: -0.125; class 1 the opposite
            assertThat(g[6]).isCloseTo(-0.125f, offset(1e-6f));
            assertThat(g[9]).isCloseTo(0.125f, offset(1e-6f));
            assertThat(g[7]).isCloseTo(0f, offset(1e-7f));
        }
    }

    @Test
    void badWeightsAndShapesAreRefused() {
        assertThatThrownBy(() -> new TemporalConsistencyLoss(0)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("temporal_consistency");
        assertThatThrownBy(() -> new TemporalConsistencyLoss(Double.NaN)).isInstanceOf(Seg4jException.class);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(LOGITS, new Shape(2, 2, 1, 3));
            assertThatThrownBy(() -> new TemporalConsistencyLoss(1).compute(logits, m.zeros(new Shape(2, 2, 1, 3)),
                    new byte[6], 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2");
            assertThatThrownBy(() -> new TemporalConsistencyLoss(1).compute(logits, m.zeros(new Shape(2, 2, 1, 2)),
                    new byte[6], 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flows");
        }
    }

    /** Flows of a clip of 2 frames, 1 x 3 pixels: frame 0 none, frame 1 reads {@code dx} to the right. */
    private static float[] flowDx(float dx) {
        return new float[] {0, 0, 0, 0, 0, 0, dx, dx, dx, 0, 0, 0};
    }

    private static float loss(double weight, float[] logits, float[] flows, byte[] labels) {
        try (NDManager m = NDManager.newBaseManager()) {
            return new TemporalConsistencyLoss(weight).compute(m.create(logits, new Shape(2, 2, 1, 3)),
                    m.create(flows, new Shape(2, 2, 1, 3)), labels, 2).getFloat();
        }
    }
}
