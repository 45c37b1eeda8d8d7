package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;

class ModelRegistryTest {

    @Test
    void registersUnetAndFcn8sWithDefaults() {
        assertThat(ModelRegistry.names()).contains("unet", "fcn8s");
        assertThat(ModelRegistry.entry("unet").defaultEncoder()).isEqualTo("unet");
        assertThat(ModelRegistry.entry("fcn8s").defaultEncoder()).isEqualTo("vgg16");
        SegmentationModel unet = (SegmentationModel) ModelRegistry.create(ModelSpec.of("unet", 5));
        assertThat(unet.encoder().name()).isEqualTo("unet");
        assertThat(unet.encoder().outChannels()[0]).isEqualTo(32);
        assertThat(unet.encoder().outputStride()).isEqualTo(16);
        assertThat(unet.numClasses()).isEqualTo(5);
    }

    @Test
    void unknownModelListsValidNames() {
        assertThatThrownBy(() -> ModelRegistry.create(ModelSpec.of("segformer9", 3)))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("segformer9")
                .hasMessageContaining("unet")
                .hasMessageContaining("fcn8s");
    }

    @Test
    void unknownEncoderNameIsRejected() {
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("unet", "resnet999", 3, 8, Map.of())))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("resnet999");
    }

    @Test
    void incompatibleEncoderFailsAtBuildTime() {
        // The default unet encoder stops at stride 16; FCN needs pool5 at stride 32.
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("fcn8s", "unet", 3, 8, Map.of())))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("strides [8, 16, 32]")
                .hasMessageContaining("[1, 2, 4, 8, 16]");
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("fcn8s", "", 3, 8, Map.of("fc_kernel", "0"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("fc");
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("unet", "", 3, 8, Map.of("pad", "mirror"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("pad");
    }

    @Test
    void otherEncoderAndVariantPairsWork() {
        ModelSpec[] specs = {
            new ModelSpec("unet", "vgg16", 2, 4, Map.of()),
            new ModelSpec("fcn8s", "unet", 2, 4, Map.of("depth", "5")),
            new ModelSpec("fcn32s", "", 2, 4, Map.of("pad", "zero")),
            new ModelSpec("fcn16s", "", 2, 4, Map.of()),
        };
        try (NDManager base = NDManager.newBaseManager()) {
            for (ModelSpec spec : specs) {
                Block model = ModelRegistry.create(spec);
                ModelDirectory.initialize(model, base, 40, 40);
                try (NDManager sub = base.newSubManager()) {
                    NDList out = model.forward(new ParameterStore(base, false), new NDList(sub.ones(new Shape(1, 3, 45, 33))), false);
                    assertThat(out.head().getShape()).as(spec.toString()).isEqualTo(new Shape(1, 2, 45, 33));
                }
            }
        }
    }

    @Test
    void architecturesWithoutATemporalVariantRefuseTheMemory() {
        ModelSpec spec = new ModelSpec("panoptic-deeplab", "", 3, 8, Map.of("temporal", "convgru"));
        assertThatThrownBy(() -> ModelRegistry.create(spec)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining("panoptic-deeplab has no temporal variant");
    }
}
