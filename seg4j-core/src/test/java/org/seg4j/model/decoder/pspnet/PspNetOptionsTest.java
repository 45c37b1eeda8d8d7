package org.seg4j.model.decoder.pspnet;

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
import org.seg4j.model.layer.PyramidPooling;

class PspNetOptionsTest {

    @Test
    void runsOnVgg16AtBatchOneInTrainingMode() {
        try (NDManager base = NDManager.newBaseManager()) {
            SegmentationModel model =
                    (SegmentationModel) ModelRegistry.create(new ModelSpec("pspnet", "vgg16", 2, 4, Map.of()));
            ModelDirectory.initialize(model, base, 45, 70);
            try (NDManager sub = base.newSubManager()) {
                // 64x96 padded input: a 2x3 stride-32 map, pooled into 1, 2, 3 and 6 bins.
                NDList out = model.forward(new ParameterStore(base, false),
                        new NDList(sub.randomUniform(0, 1, new Shape(1, 3, 45, 70))), true);
                assertThat(out.head().getShape()).isEqualTo(new Shape(1, 2, 45, 70));
                assertThat(out.head().isNaN().any().getBoolean()).isFalse();
            }
        }
    }

    @Test
    void pyramidConcatenatesTheInputAndOneBranchPerBin() {
        PyramidPooling p = new PyramidPooling(32, new int[] {1, 2, 3, 6}, 8);
        assertThat(p.getOutputShapes(new Shape[] {new Shape(2, 32, 5, 7)})).containsExactly(new Shape(2, 64, 5, 7));
    }

    @Test
    void badBinsAreUserErrors() {
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("pspnet", "vgg16", 3, 8, Map.of("bins", "1,0"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("bins");
    }
}
