package org.seg4j.model.decoder.fastscnn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.SegmentationModelContract;

class FastScnnModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("fastscnn", "", numClasses, 8, Map.of("blocks", "1"));
    }

    @Test
    void paperWidthGivesThePaperChannels() {
        SegmentationModel model = (SegmentationModel) ModelRegistry.create(
                new ModelSpec("fastscnn", "", 11, FastScnnEncoder.PAPER_WIDTH, Map.of()));
        assertThat(model.encoder().reductions()).containsExactly(8, 16, 32);
        assertThat(model.encoder().outChannels()).containsExactly(64, 64, 128);
        assertThat(model.decoder().outChannels()).isEqualTo(11);
        assertThat(model.decoder().outputReduction()).isEqualTo(4);
        assertThat(model.head().hasProjection()).isFalse();
        SegmentationModel fast = (SegmentationModel) ModelRegistry.create(ModelSpec.of("fastscnn", 11));
        assertThat(fast.encoder().outChannels()).containsExactly(32, 32, 64);
    }

    @Test
    void trainingModeWorksOnABatchOfOne() {
        // The 1x1 pyramid bin has one value per channel here: batch norm there would throw.
        try (NDManager manager = NDManager.newBaseManager()) {
            Block model = ModelRegistry.create(smallSpec(3));
            ModelDirectory.initialize(model, manager, 64, 64);
            NDArray logits = model.forward(new ParameterStore(manager, false),
                    new NDList(manager.randomUniform(0, 1, new Shape(1, 3, 64, 64))), true).head();
            assertThat(logits.getShape()).isEqualTo(new Shape(1, 3, 64, 64));
        }
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("fastscnn", "", 3, 7, Map.of())))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("width");
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("fastscnn", "", 3, 8, Map.of("blocks", "0"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("blocks");
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("fastscnn", "vgg16", 3, 8, Map.of())))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("fastscnn");
    }
}
