package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.seg4j.model.layer.Spatial.PadMode;

class SpatialTest {

    @Test
    void reflectPadMirrorsWithoutRepeatingTheEdge() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(1f, 7f).reshape(1, 1, 2, 3); // rows [1 2 3] [4 5 6]
            NDArray padded = Spatial.padBottomRight(x, 1, 2, PadMode.REFLECT);
            assertThat(padded.getShape()).isEqualTo(new Shape(1, 1, 3, 5));
            assertThat(padded.toFloatArray()).containsExactly(
                    1, 2, 3, 2, 1,
                    4, 5, 6, 5, 4,
                    1, 2, 3, 2, 1);
            assertThat(Spatial.crop(padded, 2, 3).toFloatArray()).containsExactly(x.toFloatArray());
        }
    }

    @Test
    void zeroPadAndReflectFallbackAddZerosAtBottomRight() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(1f, 5f).reshape(1, 1, 2, 2);
            float[] expected = {1, 2, 0, 3, 4, 0, 0, 0, 0};
            assertThat(Spatial.padBottomRight(x, 1, 1, PadMode.ZERO).toFloatArray()).containsExactly(expected);
            // A pad as large as the image cannot be mirrored.
            assertThat(Spatial.padBottomRight(x, 2, 1, PadMode.REFLECT).getShape()).isEqualTo(new Shape(1, 1, 4, 3));
        }
    }

    @Test
    void resizeIsBilinearAndCropKeepsTopLeft() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 4}, new Shape(1, 1, 1, 2));
            // align_corners=false: output pixel centres at 0.25 and 0.75 of each input pixel.
            assertThat(Spatial.resize(x, 1, 4).toFloatArray()).containsExactly(0f, 1f, 3f, 4f);
            assertThat(Spatial.roundUp(37, 16)).isEqualTo(48);
            assertThat(Spatial.roundUp(32, 16)).isEqualTo(32);
        }
    }

    @Test
    void enlargingPassesThePlainBilinearGradientBack() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {0, 4, 8, 12}, new Shape(1, 1, 2, 2));
            x.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = Spatial.resize(x, 4, 4);
                // output (1, 2) reads row source 0.25 (rows 0 and 1 weighted 0.75, 0.25) and column
                // source 0.75 (columns 0 and 1 weighted 0.25, 0.75): its value and gradient follow
                assertThat(y.get(0, 0, 1, 2).getFloat()).isCloseTo(0.75f * 3 + 0.25f * 11, Offset.offset(1e-6f));
                gc.backward(y.get(0, 0, 1, 2));
                assertThat(x.getGradient().toFloatArray()).containsExactly(
                        new float[] {0.1875f, 0.5625f, 0.0625f, 0.1875f}, Offset.offset(1e-6f));
            }
        }
    }

    @Test
    void shrinkingIsPlainBilinearAsPyTorchWithoutAntiAliasing() {
        try (NDManager m = NDManager.newBaseManager()) {
            // F.interpolate(x, size=(1, 4), mode="bilinear", align_corners=False): sources 0.25, 1.75,
            // 3.25, 4.75; an anti-aliasing filter would also spread the 6 onto the first and third outputs.
            NDArray x = m.create(new float[] {0, 0, 6, 0, 0, 0}, new Shape(1, 1, 1, 6));
            assertThat(Spatial.resize(x, 1, 4).toFloatArray()).containsExactly(0f, 4.5f, 0f, 0f);
            // 3 -> 2 rows, 2 -> 4 columns at once: PyTorch gives rows at sources 0.25 and 1.75.
            NDArray y = m.create(new float[] {0, 4, 8, 12, 16, 20}, new Shape(1, 1, 3, 2));
            assertThat(Spatial.resize(y, 2, 4).toFloatArray())
                    .containsExactly(new float[] {2, 3, 5, 6, 14, 15, 17, 18}, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }
}
