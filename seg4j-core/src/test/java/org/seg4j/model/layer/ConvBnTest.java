package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.ConvBn.Nonlinearity;

class ConvBnTest {

    private static NDArray run(ConvBn unit, NDManager m, NDArray x) {
        unit.initialize(m, DataType.FLOAT32, x.getShape());
        NDArray y = unit.forward(new ParameterStore(m, false), new NDList(x), false).head();
        assertThat(unit.getOutputShapes(new Shape[] {x.getShape()})).containsExactly(y.getShape());
        return y;
    }

    @Test
    void dilatedPaddingKeepsTheSizeAndStrideHalvesIt() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(-1, 1, new Shape(1, 4, 13, 10));
            assertThat(run(ConvBn.builder().setFilters(6).setKernel(3).optDilation(4).build(), m, x).getShape())
                    .isEqualTo(new Shape(1, 6, 13, 10));
            assertThat(run(ConvBn.builder().setFilters(6).setKernel(7).optStride(2).build(), m, x).getShape())
                    .isEqualTo(new Shape(1, 6, 7, 5));
            ConvBn depthwise = ConvBn.builder().setFilters(4).setKernel(3).optGroups(4).build();
            run(depthwise, m, x);
            assertThat(depthwise.getParameters().valueAt(0).getShape()).isEqualTo(new Shape(4, 1, 3, 3));
        }
    }

    @Test
    void activationsClipAsNamed() {
        try (NDManager m = NDManager.newBaseManager()) {
            // A 1x1 conv with weight 10 and fresh batch norm (identity in inference): y = 10 x.
            NDArray x = m.create(new float[] {-1f, 0.2f, 0.9f}, new Shape(1, 1, 1, 3));
            float[][] expected = {{-10f, 2f, 9f}, {0f, 2f, 9f}, {0f, 2f, 6f}};
            Nonlinearity[] kinds = {Nonlinearity.NONE, Nonlinearity.RELU, Nonlinearity.RELU6};
            for (int i = 0; i < kinds.length; i++) {
                ConvBn unit = ConvBn.builder().setFilters(1).setKernel(1).optNonlinearity(kinds[i]).build();
                unit.setInitializer(new ConstantInitializer(10f), Parameter.Type.WEIGHT);
                float[] y = run(unit, m, x).toFloatArray();
                for (int k = 0; k < 3; k++) {
                    assertThat(y[k]).as("%s[%d]", kinds[i], k).isCloseTo(expected[i][k], org.assertj.core.data.Offset.offset(1e-3f));
                }
            }
        }
    }

    @Test
    void invalidSettingsAreUserErrors() {
        assertThatThrownBy(() -> ConvBn.builder().setFilters(4).setKernel(2).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("odd kernel");
        assertThatThrownBy(() -> ConvBn.builder().setFilters(6).setKernel(3).optGroups(4).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("groups");
    }
}
