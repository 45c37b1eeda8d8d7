package org.seg4j.model.decoder.deeplab;

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
import org.seg4j.model.encoder.Encoders;

class DeepLabOptionsTest {

    @Test
    void ratesFollowTheEncodersOutputStrideUnlessGiven() {
        ModelSpec plain = new ModelSpec("deeplabv3", "vgg16", 3, 8, Map.of());
        assertThat(DeepLabV3.rates(plain, Encoders.create("vgg16", 8))).containsExactly(3, 6, 9);
        ModelSpec given = new ModelSpec("deeplabv3", "vgg16", 3, 8, Map.of("atrous_rates", "2, 4"));
        assertThat(DeepLabV3.rates(given, Encoders.create("vgg16", 8))).containsExactly(2, 4);
    }

    @Test
    void paperRatesScaleToTheFeatureMapSize() {
        assertThat(DeepLabV3.ratesForMapSize(33)).containsExactly(6, 12, 18);
        assertThat(DeepLabV3.ratesForMapSize(11)).containsExactly(2, 4, 6);
        assertThat(DeepLabV3.ratesForMapSize(2)).containsExactly(1, 1, 1);
    }

    @Test
    void torchvisionPoolingBranchTrainsOnTwoImagesAndRefusesOneWithTheWayOut() {
        try (NDManager base = NDManager.newBaseManager()) {
            SegmentationModel model = (SegmentationModel) ModelRegistry.create(new ModelSpec("deeplabv3", "resnet18",
                    2, 4, Map.of("output_stride", "8", "decoder_width", "8", "aspp_pooling", "conv_bn", "pad", "none")));
            ModelDirectory.initialize(model, base, 45, 33);
            ParameterStore ps = new ParameterStore(base, false);
            try (NDManager sub = base.newSubManager()) {
                NDList two = model.forward(ps, new NDList(sub.randomUniform(0, 1, new Shape(2, 3, 45, 33))), true);
                assertThat(two.head().getShape()).isEqualTo(new Shape(2, 2, 45, 33));
                NDList one = model.forward(ps, new NDList(sub.randomUniform(0, 1, new Shape(1, 3, 45, 33))), false);
                assertThat(one.head().getShape()).isEqualTo(new Shape(1, 2, 45, 33));
                assertThatThrownBy(() -> model.forward(ps,
                        new NDList(sub.randomUniform(0, 1, new Shape(1, 3, 45, 33))), true))
                        .isInstanceOf(Seg4jException.class)
                        .hasMessageContaining("batches of two or more");
            }
        }
    }

    @Test
    void bothVariantsRunOnVgg16AtOddSizes() {
        try (NDManager base = NDManager.newBaseManager()) {
            for (String arch : new String[] {"deeplabv3", "deeplabv3plus"}) {
                SegmentationModel model =
                        (SegmentationModel) ModelRegistry.create(new ModelSpec(arch, "vgg16", 2, 4, Map.of()));
                assertThat(model.decoder().featureReductions())
                        .containsExactly(arch.equals("deeplabv3") ? new int[] {32} : new int[] {4, 32});
                ModelDirectory.initialize(model, base, 45, 33);
                try (NDManager sub = base.newSubManager()) {
                    NDList out = model.forward(new ParameterStore(base, false),
                            new NDList(sub.randomUniform(0, 1, new Shape(2, 3, 45, 33))), true);
                    assertThat(out.head().getShape()).isEqualTo(new Shape(2, 2, 45, 33));
                }
            }
        }
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThatThrownBy(() -> ModelRegistry.create(
                        new ModelSpec("deeplabv3", "vgg16", 3, 8, Map.of("output_stride", "16"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("output_stride 16");
        assertThatThrownBy(() -> ModelRegistry.create(
                        new ModelSpec("deeplabv3", "vgg16", 3, 8, Map.of("output_stride", "12"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("8, 16 or 32");
        assertThatThrownBy(() -> ModelRegistry.create(
                        new ModelSpec("deeplabv3", "vgg16", 3, 8, Map.of("atrous_rates", "6,x"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("atrous_rates");
        assertThatThrownBy(() -> ModelRegistry.create(
                        new ModelSpec("deeplabv3plus", "unet", 3, 8, Map.of("depth", "2"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("stride 4");
        assertThatThrownBy(() -> ModelRegistry.create(
                        new ModelSpec("deeplabv3", "vgg16", 3, 8, Map.of("dropout", "1.5"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("dropout");
    }
}
