package org.seg4j.model.decoder.fastfcn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;

class FastFcnOptionsTest {

    @Test
    void jpuJoinsStrides8To32OfVgg16WithEitherHead() {
        try (NDManager base = NDManager.newBaseManager()) {
            for (String head : new String[] {"fcn", "aspp"}) {
                SegmentationModel model = (SegmentationModel) ModelRegistry.create(
                        new ModelSpec("fastfcn", "vgg16", 2, 4, Map.of("head", head, "decoder_width", "8")));
                assertThat(model.decoder().featureReductions()).containsExactly(8, 16, 32);
                assertThat(model.decoder().outputReduction()).isEqualTo(8);
                ModelDirectory.initialize(model, base, 45, 70);
                try (NDManager sub = base.newSubManager()) {
                    NDList out = model.forward(new ParameterStore(base, false),
                            new NDList(sub.randomUniform(0, 1, new Shape(1, 3, 45, 70))), true);
                    assertThat(out.head().getShape()).isEqualTo(new Shape(1, 2, 45, 70));
                }
            }
        }
    }

    @Test
    void jpuOutputHasOneBranchPerDilation() {
        JointPyramidUpsampling jpu = new JointPyramidUpsampling(3, 8, 1, 2, 4, 8);
        Shape[] in = {new Shape(2, 16, 8, 12), new Shape(2, 32, 4, 6), new Shape(2, 32, 2, 3)};
        assertThat(jpu.getOutputShapes(in)).containsExactly(new Shape(2, 32, 8, 12));
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThatThrownBy(() -> ModelRegistry.create(
                        new ModelSpec("fastfcn", "vgg16", 3, 8, Map.of("output_stride", "16"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("output_stride 32");
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("fastfcn", "vgg16", 3, 8, Map.of("head", "psp"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("head must be one of fcn, aspp");
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("fastfcn", "unet", 3, 8, Map.of("depth", "1"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("at least 3 strides");
    }
}
