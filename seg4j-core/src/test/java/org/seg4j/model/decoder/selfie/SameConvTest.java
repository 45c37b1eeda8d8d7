package org.seg4j.model.decoder.selfie;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** TensorFlow's SAME padding: asymmetric at stride 2, {@code ceil(size / stride)} outputs. */
class SameConvTest {

    @Test
    void paddingPutsTheOddPixelAfter() {
        assertThat(SameConv.padding(256, 3, 2)).containsExactly(0, 1);
        assertThat(SameConv.padding(32, 5, 2)).containsExactly(1, 2);
        assertThat(SameConv.padding(255, 3, 2)).containsExactly(1, 1);
        assertThat(SameConv.padding(7, 3, 1)).containsExactly(1, 1);
        assertThat(SameConv.padding(64, 1, 1)).containsExactly(0, 0);
    }

    @Test
    void strideTwoSamplesFromTheFirstPixel() {
        try (NDManager m = NDManager.newBaseManager()) {
            // A 3x3 kernel that picks its top-left tap: with SAME padding (0 before) output (0, 0)
            // reads input (0, 0) and output (i, j) reads input (2i, 2j); PyTorch's symmetric padding
            // of 1 would read (2i - 1, 2j - 1).
            SameConv conv = new SameConv(1, 3, 2, 1);
            conv.initialize(m, DataType.FLOAT32, new Shape(1, 1, 6, 6));
            float[] kernel = new float[9];
            kernel[0] = 1;
            conv.getParameters().get(0).getValue().getArray().set(kernel);
            conv.getParameters().get(1).getValue().getArray().set(new float[] {0});
            NDArray x = m.arange(36f).reshape(1, 1, 6, 6);
            NDArray y = conv.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 3, 3));
            assertThat(y.toFloatArray()).containsExactly(0, 2, 4, 12, 14, 16, 24, 26, 28);
            assertThat(conv.getOutputShapes(new Shape[] {new Shape(1, 1, 7, 5)})[0]).isEqualTo(new Shape(1, 1, 4, 3));
        }
    }
}
