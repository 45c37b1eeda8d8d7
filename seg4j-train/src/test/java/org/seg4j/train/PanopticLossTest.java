package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.data.instance.CenterTargetBatch;

/** {@link PanopticLoss} on a hand-computed 1x2 image. */
class PanopticLossTest {

    /** Labels {0, 1}; centre targets {1, 0}, both weighted; offsets weighted on the second pixel only. */
    private static Batch batch(float[] offsetWeight) {
        CenterTargetBatch t = new CenterTargetBatch(new float[] {1, 0}, new float[] {0, 0, 0, -1},
                new float[] {1, 1}, new float[] {1, 1}, offsetWeight);
        return new Batch(new float[6], new byte[] {0, 1}, 1, 1, 2, List.of("hand"), t);
    }

    private static NDList outputs(NDManager m) {
        NDArray logits = m.zeros(new Shape(1, 2, 1, 2));
        NDArray center = m.create(new float[] {0.5f, 0}, new Shape(1, 1, 1, 2));
        NDArray offset = m.create(new float[] {1, 0, 0, 2}, new Shape(1, 2, 1, 2));
        return new NDList(logits, center, offset);
    }

    @Test
    void termsAndWeightedSumByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            PanopticLoss loss = new PanopticLoss(new SegmentationLoss(2), 200, 0.01);
            Batch b = batch(new float[] {0, 1});
            NDArray[] terms = loss.terms(outputs(m), b);
            // cross-entropy of uniform logits; MSE (0.5^2 + 0) / 2; L1 |2 - (-1)| + |0 - 0| over one weighted pixel
            assertThat(terms[0].getFloat()).isCloseTo((float) Math.log(2), within(1e-6f));
            assertThat(terms[1].getFloat()).isCloseTo(0.125f, within(1e-7f));
            assertThat(terms[2].getFloat()).isCloseTo(3f, within(1e-6f));
            assertThat(loss.compute(outputs(m), b).getFloat())
                    .isCloseTo((float) (Math.log(2) + 200 * 0.125 + 0.01 * 3), within(1e-4f));
        }
    }

    @Test
    void smallInstancePixelWeightsWeighTheSemanticTerm() {
        try (NDManager m = NDManager.newBaseManager()) {
            CenterTargetBatch t = new CenterTargetBatch(new float[] {1, 0}, new float[4], new float[] {1, 3},
                    new float[] {1, 1}, new float[2]);
            Batch b = new Batch(new float[6], new byte[] {0, 1}, 1, 1, 2, List.of("hand"), t);
            float a = (float) Math.log(3);
            NDList out = outputs(m);
            out.set(0, m.create(new float[] {0, 0, 0, a}, new Shape(1, 2, 1, 2)));
            NDArray[] terms = new PanopticLoss(new SegmentationLoss(2), 200, 0.01).terms(out, b);
            // pixel 0: ln 2 with weight 1; pixel 1: -log(3/4) with weight 3
            double expected = (Math.log(2) + 3 * Math.log(4.0 / 3)) / 4;
            assertThat(terms[0].getFloat()).isCloseTo((float) expected, within(1e-6f));
        }
    }

    @Test
    void noThingPixelsGiveAZeroOffsetTermWithAZeroGradient() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList out = outputs(m);
            NDArray offset = out.get(2);
            offset.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray[] terms = new PanopticLoss(new SegmentationLoss(2), 200, 0.01).terms(out, batch(new float[2]));
                assertThat(terms[2].getFloat()).isZero();
                gc.backward(terms[2]);
            }
            assertThat(offset.getGradient().toFloatArray()).containsOnly(0f);
        }
    }

    @Test
    void semanticBatchesAndNetworksAreRefusedWithAHint() {
        try (NDManager m = NDManager.newBaseManager()) {
            PanopticLoss loss = new PanopticLoss(new SegmentationLoss(2), 200, 0.01);
            Batch semantic = new Batch(new float[6], new byte[] {0, 1}, 1, 1, 2, List.of("plain"));
            assertThatThrownBy(() -> loss.compute(outputs(m), semantic)).isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("instances/");
            NDList one = new NDList(m.zeros(new Shape(1, 2, 1, 2)));
            assertThatThrownBy(() -> loss.compute(one, batch(new float[2]))).isInstanceOf(Seg4jException.class)
                    .hasMessageContaining("panoptic-deeplab");
        }
    }
}
