package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import org.junit.jupiter.api.Test;

class AdaptivePoolTest {

    @Test
    void binsOverlapWhenTheSizeIsNotDivisible() {
        // 5 rows into 2 bins: rows 0..2 and 2..4; 7 columns into 3 bins: 0..2, 2..4, 4..6.
        assertThat(AdaptivePool.binStart(1, 5, 2)).isEqualTo(2);
        assertThat(AdaptivePool.binEnd(0, 5, 2)).isEqualTo(3);
        assertThat(AdaptivePool.matrix(5, 2)).containsExactly(
                1 / 3f, 1 / 3f, 1 / 3f, 0, 0,
                0, 0, 1 / 3f, 1 / 3f, 1 / 3f);
        try (NDManager m = NDManager.newBaseManager()) {
            float[] v = new float[35];
            for (int r = 0; r < 5; r++) {
                for (int c = 0; c < 7; c++) {
                    v[r * 7 + c] = 10 * r + c;
                }
            }
            NDArray x = m.create(v, new Shape(1, 1, 5, 7));
            NDArray y = AdaptivePool.avg(x, 2, 3);
            assertThat(y.getShape()).isEqualTo(new Shape(1, 1, 2, 3));
            float[] expected = {11, 13, 15, 31, 33, 35};
            float[] actual = y.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-4f));
            }
            assertThat(AdaptivePool.global(x).toFloatArray()[0]).isCloseTo(23f, within(1e-4f));
        }
    }

    @Test
    void matchesPyTorchAdaptiveAvgPoolIncludingUpsamplingBins() {
        try (NDManager m = NDManager.newBaseManager()) {
            int[][] cases = {{13, 9, 6, 6}, {4, 4, 6, 6}, {8, 8, 3, 3}, {1, 1, 2, 2}, {11, 17, 1, 1}};
            for (int[] c : cases) {
                NDArray x = m.randomUniform(-1, 1, new Shape(2, 3, c[0], c[1]));
                float[] expected = JniUtils.adaptiveAvgPool((PtNDArray) x, new Shape(c[2], c[3])).toFloatArray();
                float[] actual = AdaptivePool.avg(x, c[2], c[3]).toFloatArray();
                assertThat(actual).hasSameSizeAs(expected);
                for (int i = 0; i < expected.length; i++) {
                    assertThat(actual[i]).as("case %dx%d -> %dx%d", c[0], c[1], c[2], c[3])
                            .isCloseTo(expected[i], within(1e-5f));
                }
            }
        }
    }
}
