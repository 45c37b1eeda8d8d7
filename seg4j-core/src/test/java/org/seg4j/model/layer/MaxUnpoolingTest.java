package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MaxUnpoolingTest {

    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /**
     * Channel 0 has one clear maximum in three windows and a tie (9 at top-left and bottom-right)
     * in the fourth; channel 1 is all zeros (every window ties: top-left wins).
     */
    @Test
    void unpoolingPlacesValuesExactlyAtTheArgmaxPositions() {
        float[] input = {
            1, 5, 2, 2,
            3, 4, 2, 7,
            0, 0, 9, 1,
            6, 0, 3, 9,
            // channel 1
            0, 0, 0, 0,
            0, 0, 0, 0,
            0, 0, 0, 0,
            0, 0, 0, 0,
        };
        NDArray x = manager.create(input, new Shape(1, 2, 4, 4));
        NDList pooled = MaxUnpooling.maxPoolWithSwitches(x);

        assertThat(pooled.get(0).toFloatArray()).containsExactly(5, 7, 6, 9, 0, 0, 0, 0);
        assertThat(pooled.get(1).getShape()).isEqualTo(new Shape(1, 2, 4, 4));
        assertThat(pooled.get(1).toFloatArray()).containsExactly(
                0, 1, 0, 0,
                0, 0, 0, 1,
                0, 0, 1, 0,
                1, 0, 0, 0,
                // channel 1
                1, 0, 1, 0,
                0, 0, 0, 0,
                1, 0, 1, 0,
                0, 0, 0, 0);

        NDArray y = manager.create(new float[] {10, 20, 30, 40, -1, -2, -3, -4}, new Shape(1, 2, 2, 2));
        assertThat(values(MaxUnpooling.unpool(y, pooled.get(1)))).containsExactly(
                0, 10, 0, 0,
                0, 0, 0, 20,
                0, 0, 40, 0,
                30, 0, 0, 0,
                // channel 1
                -1, 0, -2, 0,
                0, 0, 0, 0,
                -3, 0, -4, 0,
                0, 0, 0, 0);
    }

    @Test
    void unpoolingThePooledMapKeepsOnlyTheMaxima() {
        NDArray x = manager.randomNormal(new Shape(2, 3, 6, 8));
        NDList pooled = MaxUnpooling.maxPoolWithSwitches(x);
        NDArray mask = pooled.get(1);
        // Exactly one switch per 2x2 window.
        NDArray perWindow = mask.reshape(2, 3, 3, 2, 4, 2).sum(new int[] {3, 5});
        assertThat(perWindow.toFloatArray()).containsOnly(1f);
        // Unpooling the pooled map gives back x at the switches and 0 elsewhere.
        NDArray restored = MaxUnpooling.unpool(pooled.get(0), mask);
        assertThat(values(restored)).containsExactly(values(x.mul(mask)));
    }

    @Test
    void mismatchedShapesAreRejected() {
        NDArray odd = manager.zeros(new Shape(1, 1, 3, 4));
        assertThatThrownBy(() -> MaxUnpooling.maxPoolWithSwitches(odd)).isInstanceOf(IllegalArgumentException.class);
        NDArray mask = manager.zeros(new Shape(1, 1, 4, 4));
        assertThatThrownBy(() -> MaxUnpooling.unpool(manager.zeros(new Shape(1, 2, 2, 2)), mask))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("switch mask");
    }

    /** The array's values with -0 (a negative value times a zero switch) written as 0. */
    private static float[] values(NDArray a) {
        float[] v = a.toFloatArray();
        for (int i = 0; i < v.length; i++) {
            v[i] += 0f;
        }
        return v;
    }

    /**
     * Gradients through pooling and unpooling equal PyTorch's {@code max_pool2d(return_indices=True)}
     * + {@code max_unpool2d}, ties included (torch 2.13: loss 7585, the values below): the pooled
     * input receives the upstream gradient at each window's switch only, and a map unpooled with
     * the switches receives the gradient found at its value's switch position.
     */
    @Test
    void gradientsThroughUnpoolingMatchPyTorch() {
        NDArray x = manager.create(new float[] {1, 3, 0, 0, 3, 2, 0, -1, 5, -2, 4, 4, 1, 5, 4, 2}, new Shape(1, 1, 4, 4));
        NDArray z = manager.create(new float[] {10, 20, 30, 40}, new Shape(1, 1, 2, 2));
        NDArray g = manager.arange(1f, 17f).reshape(1, 1, 4, 4);
        x.setRequiresGradient(true);
        z.setRequiresGradient(true);
        float loss;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDList pooled = MaxUnpooling.maxPoolWithSwitches(x);
            NDArray l = MaxUnpooling.unpool(pooled.get(0), pooled.get(1)).mul(g).sum()
                    .add(MaxUnpooling.unpool(z, pooled.get(1)).mul(g).mul(g).sum());
            loss = l.getFloat();
            gc.backward(l);
        }
        assertThat(loss).isEqualTo(7585f);
        assertThat(x.getGradient().toFloatArray()).containsExactly(0, 2, 3, 0, 0, 0, 0, 0, 9, 0, 11, 0, 0, 0, 0, 0);
        assertThat(z.getGradient().toFloatArray()).containsExactly(4, 9, 81, 121);
    }
}
