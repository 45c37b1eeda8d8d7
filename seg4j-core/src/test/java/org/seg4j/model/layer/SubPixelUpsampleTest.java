package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class SubPixelUpsampleTest {

    @Test
    void startsAsBilinearUpsamplingAwayFromTheBorder() {
        for (int factor : new int[] {2, 8}) {
            try (NDManager m = NDManager.newBaseManager()) {
                SubPixelUpsample up = new SubPixelUpsample(2, factor);
                Shape in = new Shape(1, 2, 6, 7);
                up.initialize(m, DataType.FLOAT32, in);
                NDArray x = m.randomUniform(0, 1, in);
                NDArray y = up.forward(new ParameterStore(m, false), new NDList(x), false).head();
                assertThat(y.getShape()).isEqualTo(new Shape(1, 2, 6L * factor, 7L * factor));
                NDArray bilinear = Spatial.resize(x, 6L * factor, 7L * factor);
                // Border pixels differ: the transposed-convolution form pads with zeros.
                String interior = ":, :, " + factor + ":" + 5 * factor + ", " + factor + ":" + 6 * factor;
                float[] got = y.get(new NDIndex(interior)).toFloatArray();
                float[] want = bilinear.get(new NDIndex(interior)).toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    assertThat(got[i]).as("factor %d, element %d", factor, i).isCloseTo(want[i], within(1e-5f));
                }
            }
        }
    }
}
