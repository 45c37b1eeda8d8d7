package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class PositionalEmbeddingTest {

    @Test
    void atTheBaseGridTheStoredEmbeddingIsAddedUnchanged() {
        try (NDManager m = NDManager.newBaseManager()) {
            PositionalEmbedding pos = new PositionalEmbedding(4, 3, 5);
            pos.initialize(m, DataType.FLOAT32, new Shape(2, 4, 3, 5));
            float[] stored = pos.getParameters().valueAt(0).getArray().toFloatArray();
            NDArray out = pos.forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(1, 4, 3, 5))), false)
                    .head();
            assertThat(out.toFloatArray()).containsExactly(stored);
        }
    }

    @Test
    void otherGridsGetABilinearlyInterpolatedEmbedding() {
        try (NDManager m = NDManager.newBaseManager()) {
            PositionalEmbedding pos = new PositionalEmbedding(1, 2, 2);
            pos.initialize(m, DataType.FLOAT32, new Shape(1, 1, 2, 2));
            NDArray stored = pos.getParameters().valueAt(0).getArray();
            stored.set(new float[] {0, 1, 2, 3});
            NDArray out = pos.forward(new ParameterStore(m, false), new NDList(m.zeros(new Shape(1, 1, 4, 6))), false)
                    .head();
            assertThat(out.getShape()).isEqualTo(new Shape(1, 1, 4, 6));
            float[] v = out.toFloatArray();
            // corners keep the stored values (half-pixel centres, clamped at the border)
            assertThat(v[0]).isCloseTo(0f, within(1e-6f));
            assertThat(v[5]).isCloseTo(1f, within(1e-6f));
            assertThat(v[18]).isCloseTo(2f, within(1e-6f));
            assertThat(v[23]).isCloseTo(3f, within(1e-6f));
            // the mean of a bilinear upsampling by an integer factor equals the mean of the grid
            assertThat(out.mean().getFloat()).isCloseTo(1.5f, within(1e-5f));
        }
    }

    @Test
    void resizingLeavesNothingInTheParametersManager() {
        // shrinking (3x5 -> 2x4) builds interpolation matrices, growing (3x5 -> 4x6) calls the engine;
        // both must belong to the batch, or every forward pass leaves arrays behind with the model
        for (Shape grid : new Shape[] {new Shape(1, 4, 2, 4), new Shape(1, 4, 4, 6), new Shape(1, 4, 2, 6)}) {
            try (NDManager m = NDManager.newBaseManager(); NDManager model = m.newSubManager()) {
                PositionalEmbedding pos = new PositionalEmbedding(4, 3, 5);
                pos.initialize(model, DataType.FLOAT32, new Shape(1, 4, 3, 5));
                int before = model.getManagedArrays().size();
                for (boolean training : new boolean[] {false, true}) {
                    try (NDManager batch = m.newSubManager()) {
                        NDArray out = pos.forward(new ParameterStore(batch, false), new NDList(batch.zeros(grid)),
                                training).head();
                        assertThat(out.getShape()).isEqualTo(grid);
                    }
                }
                assertThat(model.getManagedArrays().size()).as("arrays left with the parameters after %s", grid)
                        .isEqualTo(before);
            }
        }
    }
}
