package org.seg4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelSpec;

class VitEncoderTest {

    private static ModelSpec spec(Map<String, String> options) {
        return new ModelSpec("segmenter", "vit-tiny", 2, 16, options);
    }

    @Test
    void presetsDeclareOneFeatureMapAtThePatchStride() {
        VitEncoder tiny = (VitEncoder) Encoders.create("vit-tiny", 0);
        assertThat(tiny.outChannels()).containsExactly(192);
        assertThat(tiny.reductions()).containsExactly(16);
        assertThat(tiny.depth()).isEqualTo(12);
        assertThat(tiny.positionalEmbedding().gridHeight()).isEqualTo(32);
        VitEncoder small = (VitEncoder) Encoders.create("vit-small", new ModelSpec("segmenter", "", 2, 0,
                Map.of("patch_size", "8", "image_size", "256")));
        assertThat(small.outChannels()).containsExactly(384);
        assertThat(small.outputStride()).isEqualTo(8);
        assertThat(small.positionalEmbedding().gridWidth()).isEqualTo(32);
    }

    @Test
    void forwardReturnsTokensAsAnNchwMapForAnyGrid() {
        Encoder e = Encoders.create("vit-tiny", spec(Map.of("patch_size", "8", "depth", "1", "heads", "2",
                "pos_grid", "3x5")));
        try (NDManager base = NDManager.newBaseManager()) {
            Shape input = new Shape(2, 3, 24, 40);
            e.initialize(base, DataType.FLOAT32, input);
            assertThat(e.getOutputShapes(new Shape[] {new Shape(2, 3, 48, 16)})).containsExactly(new Shape(2, 16, 6, 2));
            try (NDManager sub = base.newSubManager()) {
                NDList out = e.forward(new ParameterStore(base, false),
                        new NDList(sub.randomUniform(0, 1, new Shape(2, 3, 48, 16))), false);
                assertThat(out).hasSize(1);
                assertThat(out.head().getShape()).isEqualTo(new Shape(2, 16, 6, 2));
                assertThat(out.head().isNaN().any().getBoolean()).isFalse();
            }
        }
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThatThrownBy(() -> Encoders.create("vit-tiny", spec(Map.of("patch_size", "12"))))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("patch_size");
        assertThatThrownBy(() -> Encoders.create("vit-tiny", spec(Map.of("heads", "3"))))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("heads");
        assertThatThrownBy(() -> Encoders.create("vit-tiny", spec(Map.of("pos_grid", "4x4x4"))))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("pos_grid");
        assertThatThrownBy(() -> Encoders.create("vit-tiny", spec(Map.of("depth", "0"))))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("depth");
    }
}
