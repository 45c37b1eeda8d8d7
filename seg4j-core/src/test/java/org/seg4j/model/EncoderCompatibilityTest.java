package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.decoder.unet.UNetDecoder;
import org.seg4j.model.encoder.Encoders;

/** The model zoo's encoders (ResNet, MobileNetV2, dilated variants) with the unet and fcn8s decoders. */
class EncoderCompatibilityTest {

    @Test
    void unetAndFcnAcceptTheNewEncoders() {
        for (String arch : new String[] {"unet", "fcn8s"}) {
            assertThat(ModelRegistry.entry(arch).encoders())
                    .contains("resnet18", "resnet34", "resnet50", "mobilenetv2", "mobilenetv3_large");
        }
    }

    @Test
    void everyPairRunsOnOddSizes() {
        ModelSpec[] specs = {
            new ModelSpec("unet", "resnet34", 2, 4, Map.of()),
            new ModelSpec("unet", "resnet50", 2, 4, Map.of("output_stride", "16")),
            new ModelSpec("unet", "mobilenetv2", 2, 8, Map.of()),
            new ModelSpec("fcn8s", "resnet18", 2, 4, Map.of()),
            new ModelSpec("fcn16s", "mobilenetv2", 2, 8, Map.of()),
            new ModelSpec("unet", "mobilenetv3_large", 2, 4, Map.of()),
            new ModelSpec("deeplabv3plus", "mobilenetv3_large", 2, 4, Map.of("output_stride", "16")),
        };
        try (NDManager base = NDManager.newBaseManager()) {
            for (ModelSpec spec : specs) {
                SegmentationModel model = (SegmentationModel) ModelRegistry.create(spec);
                ModelDirectory.initialize(model, base, 64, 64);
                assertThat(model.encoder().name()).isEqualTo(spec.encoder());
                try (NDManager sub = base.newSubManager()) {
                    NDList out = model.forward(new ParameterStore(base, false),
                            new NDList(sub.randomUniform(0, 1, new Shape(1, 3, 45, 33))), false);
                    assertThat(out.head().getShape()).as(spec.toString()).isEqualTo(new Shape(1, 2, 45, 33));
                }
            }
        }
    }

    @Test
    void dilatedEncoderFeedsTheDeepestStageOfEachStride() {
        // resnet18 at output stride 8 has strides 2, 4, 8, 8, 8 and channels 8, 8, 16, 32, 64.
        ModelSpec spec = new ModelSpec("unet", "resnet18", 3, 8, Map.of("output_stride", "8"));
        SegmentationModel model = (SegmentationModel) ModelRegistry.create(spec);
        assertThat(model.encoder().reductions()).containsExactly(2, 4, 8, 8, 8);
        assertThat(model.encoder().outputStride()).isEqualTo(8);
        assertThat(model.decoder().featureReductions()).containsExactly(2, 4, 8);
        try (NDManager base = NDManager.newBaseManager()) {
            ModelDirectory.initialize(model, base, 40, 40);
            // The decoder's first block reads the stride-8 feature: 64 channels (stage 4), not 16 (stage 2).
            Shape[] decoderInputs = model.decoder().getInputShapes();
            assertThat(decoderInputs[2].get(1)).isEqualTo(64);
            try (NDManager sub = base.newSubManager()) {
                // 41x35 pads to 48x40, a multiple of the largest stride (8), not of 32.
                NDList out = model.forward(new ParameterStore(base, false),
                        new NDList(sub.randomUniform(0, 1, new Shape(1, 3, 41, 35))), false);
                assertThat(out.head().getShape()).isEqualTo(new Shape(1, 3, 41, 35));
            }
        }
        // Padding to 48x40 is cheaper than 64x64 would be: gflops grows with the padded area only.
        assertThat(ModelStats.gflops(spec, 41, 35)).isEqualTo(ModelStats.gflops(spec, 48, 40));
        assertThat(ModelStats.gflops(spec, 41, 35)).isLessThan(ModelStats.gflops(spec, 64, 64));
    }

    @Test
    void unetDecoderOnDilatedEncoderHasOneStepPerDistinctStride() {
        Encoder e = Encoders.create("mobilenetv2", new ModelSpec("unet", "mobilenetv2", 2, 8,
                Map.of("output_stride", "16")));
        UNetDecoder d = UNetDecoder.builder().setEncoder(e).build();
        assertThat(d.featureReductions()).containsExactly(2, 4, 8, 16);
        assertThat(d.outputReduction()).isEqualTo(2);
        assertThat(d.outChannels()).isEqualTo(e.outChannels()[0]);
    }

    @Test
    void decoderWidthsAreBoundedForWideEncoders() {
        // resnet18 at width 8 has channels 8, 8, 16, 32, 64; decoder_channels 16 caps the stride-16 block.
        SegmentationModel capped = initialised(new ModelSpec("unet", "resnet18", 2, 8, Map.of("decoder_channels", "16")));
        assertThat(capped.decoder().getParameters().valueAt(0).getShape()).isEqualTo(new Shape(16, 64 + 32, 3, 3));
        SegmentationModel plain = initialised(new ModelSpec("unet", "resnet18", 2, 8, Map.of()));
        assertThat(plain.decoder().getParameters().valueAt(0).getShape()).isEqualTo(new Shape(32, 64 + 32, 3, 3));
        // FCN's default fc6 width is twice the deepest channels, at most 1024 (resnet50: 2048 -> 1024).
        SegmentationModel fcn = initialised(new ModelSpec("fcn8s", "resnet50", 2, 0, Map.of()));
        assertThat(fcn.decoder().getParameters().valueAt(0).getShape()).isEqualTo(new Shape(1024, 2048, 3, 3));
        SegmentationModel vgg = initialised(new ModelSpec("fcn8s", "vgg16", 2, 16, Map.of()));
        assertThat(vgg.decoder().getParameters().valueAt(0).getShape()).isEqualTo(new Shape(256, 128, 3, 3));
    }

    /** Built and initialised with zeros (only shapes matter); parameters leak to a closed manager afterwards. */
    private static SegmentationModel initialised(ModelSpec spec) {
        SegmentationModel model = (SegmentationModel) ModelRegistry.create(spec);
        model.setInitializer(new ConstantInitializer(0f), p -> true);
        try (NDManager m = NDManager.newBaseManager()) {
            ModelDirectory.initialize(model, m, 32, 32);
        }
        return model;
    }

    @Test
    void fcnNeedsStride32SoADilatedEncoderIsRejected() {
        assertThatThrownBy(() -> ModelRegistry.create(
                        new ModelSpec("fcn8s", "resnet18", 3, 8, Map.of("output_stride", "16"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("[8, 16, 32]")
                .hasMessageContaining("[2, 4, 8, 16, 16]");
    }

    @Test
    void unknownEncoderListsTheNewOnes() {
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("unet", "resnet152", 3, 8, Map.of())))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("resnet152")
                .hasMessageContaining("resnet18")
                .hasMessageContaining("mobilenetv2");
    }
}
