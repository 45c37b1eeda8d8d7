package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;

class ConvIbnTest {

    @Test
    void halfTheFiltersAreInstanceNormalisedAndTheOutputIsRectified() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvIbn unit = ConvIbn.builder().setFilters(6).setKernel(3).optStride(2).optDilation(2).build();
            assertThat(unit.norm().instanceChannels()).isEqualTo(3);
            NDArray x = m.randomUniform(-1, 1, new Shape(2, 4, 13, 10));
            unit.initialize(m, DataType.FLOAT32, x.getShape());
            NDArray y = unit.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertThat(y.getShape()).isEqualTo(new Shape(2, 6, 7, 5));
            assertThat(unit.getOutputShapes(new Shape[] {x.getShape()})).containsExactly(y.getShape());
            assertThat(y.min().getFloat()).isGreaterThanOrEqualTo(0f);
        }
    }

    @Test
    void aSplitThatLeavesANormEmptyIsAUserError() {
        assertThatThrownBy(() -> ConvIbn.builder().setFilters(1).setKernel(3).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("filters >= 2");
        assertThatThrownBy(() -> ConvIbn.builder().setFilters(4).setKernel(3).optInstanceRatio(1f).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("ratio 1.0");
        assertThatThrownBy(() -> ConvIbn.builder().setFilters(4).setKernel(2).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("odd kernel");
    }
}
