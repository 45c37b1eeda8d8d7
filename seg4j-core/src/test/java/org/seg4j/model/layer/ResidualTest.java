package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import org.junit.jupiter.api.Test;
import org.seg4j.model.layer.ConvBn.Nonlinearity;

class ResidualTest {

    private static ConvBn zeroConv(int filters, int stride) {
        ConvBn c = ConvBn.builder().setFilters(filters).setKernel(3).optStride(stride)
                .optNonlinearity(Nonlinearity.NONE).build();
        c.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
        return c;
    }

    @Test
    void identityShortcutAddsTheInput() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1, 1, new Shape(1, 3, 5, 6));
            // A zero main branch leaves only the shortcut: x, then ReLU(x) when asked.
            for (boolean relu : new boolean[] {false, true}) {
                Residual r = new Residual(zeroConv(3, 1), null, relu);
                r.initialize(m, DataType.FLOAT32, x.getShape());
                NDArray y = r.forward(new ParameterStore(m, false), new NDList(x), false).head();
                NDArray expected = relu ? x.maximum(0f) : x;
                assertThat(y.toFloatArray()).containsExactly(expected.toFloatArray());
            }
        }
    }

    @Test
    void projectionShortcutMatchesAStridedMainBranch() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(2, 3, 8, 10);
            Residual r = new Residual(
                    ConvBn.builder().setFilters(5).setKernel(3).optStride(2).build(),
                    ConvBn.builder().setFilters(5).setKernel(1).optStride(2).optNonlinearity(Nonlinearity.NONE).build(),
                    true);
            r.initialize(m, DataType.FLOAT32, in);
            NDArray y = r.forward(new ParameterStore(m, false), new NDList(m.randomUniform(0, 1, in)), false).head();
            assertThat(y.getShape()).isEqualTo(new Shape(2, 5, 4, 5));
            assertThat(r.getOutputShapes(new Shape[] {in})).containsExactly(y.getShape());
            assertThat(y.min().getFloat()).isGreaterThanOrEqualTo(0f);
        }
    }
}
