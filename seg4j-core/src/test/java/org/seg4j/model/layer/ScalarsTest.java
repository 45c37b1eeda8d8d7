package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/**
 * The backward pass of a constant factor must see the constant, even when the garbage collector
 * runs and other small arrays are created between forward and backward (as a training step does).
 */
class ScalarsTest {

    @Test
    void gradientOfMulIsTheConstantAfterGcAndOtherAllocations() {
        assertThat(gradient((x, c) -> Scalars.mul(x, c), 0.125f)).containsOnly(0.125f);
    }

    @Test
    void gradientOfDivIsTheReciprocalAfterGcAndOtherAllocations() {
        assertThat(gradient((x, c) -> Scalars.div(x, c), 8f)).containsOnly(0.125f);
    }

    @Test
    void forwardValuesMatchPlainArithmetic() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1f, -2f, 4f});
            assertThat(Scalars.mul(x, 3f).toFloatArray()).containsExactly(3f, -6f, 12f);
            assertThat(Scalars.div(x, 4f).toFloatArray()).containsExactly(0.25f, -0.5f, 1f);
        }
    }

    /** d/dx of sum(op(x, c)), with many short-lived constants and GCs between forward and backward. */
    private static float[] gradient(java.util.function.BiFunction<NDArray, Float, NDArray> op, float c) {
        try (NDManager base = NDManager.newBaseManager(); NDManager step = base.newSubManager()) {
            NDArray x = step.ones(new Shape(64));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = op.apply(x, c).sum();
                FreedConstantChurn.run(step);
                gc.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }
}
