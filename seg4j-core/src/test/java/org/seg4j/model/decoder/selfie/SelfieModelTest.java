package org.seg4j.model.decoder.selfie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;

/**
 * The {@code mediapipe-selfie} network's structure: the published channel counts, two logits {@code
 * [0, z]} at the input's size for odd sizes, and a weights round trip. (The shared {@code
 * SegmentationModelContract} builds 3 and 4 classes; this network has exactly 2.)
 */
class SelfieModelTest {

    @TempDir
    Path tmp;

    @Test
    void structureFollowsThePublishedModel() {
        SegmentationModel model = (SegmentationModel) ModelRegistry.create(ModelSpec.of(MediaPipeSelfie.NAME, 2));
        assertThat(model.encoder().reductions()).containsExactly(2, 4, 8, 16);
        assertThat(model.encoder().outChannels()).containsExactly(16, 16, 24, 32);
        assertThat(model.decoder().outputReduction()).isEqualTo(1);
        assertThat(ModelRegistry.entry(MediaPipeSelfie.NAME).classes()).isEqualTo(2);
        assertThatThrownBy(() -> ModelRegistry.create(ModelSpec.of(MediaPipeSelfie.NAME, 3)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("2 classes");
    }

    @Test
    void oddSizesGiveTwoLogitsWhoseFirstIsZeroAndWeightsRoundTrip() {
        try (NDManager m = NDManager.newBaseManager()) {
            SegmentationModel model = (SegmentationModel) ModelRegistry.create(ModelSpec.of(MediaPipeSelfie.NAME, 2));
            ModelDirectory.initialize(model, m, 37, 53);
            NDArray x = m.randomUniform(0, 1, new Shape(2, 3, 37, 53));
            NDArray logits = model.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertThat(logits.getShape()).isEqualTo(new Shape(2, 2, 37, 53));
            assertThat(logits.get(":, 0").abs().max().getFloat()).isZero();
            assertThat(logits.get(":, 1").abs().max().getFloat()).isPositive();

            Path weights = tmp.resolve("w.params");
            ModelDirectory.saveWeights(weights, model);
            SegmentationModel again = (SegmentationModel) ModelRegistry.create(ModelSpec.of(MediaPipeSelfie.NAME, 2));
            ModelDirectory.initialize(again, m, 37, 53);
            ModelDirectory.loadWeights(weights, again, m);
            NDArray same = again.forward(new ParameterStore(m, false), new NDList(x), false).head();
            assertThat(same.sub(logits).abs().max().getFloat()).isZero();
        }
    }
}
