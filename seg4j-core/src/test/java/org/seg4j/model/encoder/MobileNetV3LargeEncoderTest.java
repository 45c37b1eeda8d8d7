package org.seg4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelSpec;
import org.junit.jupiter.api.Test;

class MobileNetV3LargeEncoderTest {

    private static Encoder create(int width, int outputStride) {
        return Encoders.create(MobileNetV3LargeEncoder.NAME, new ModelSpec("unet", MobileNetV3LargeEncoder.NAME, 2,
                width, Map.of(Encoders.OUTPUT_STRIDE, String.valueOf(outputStride))));
    }

    @Test
    void standardWidthHasTorchvisionsChannelsAndParameters() {
        Encoder e = Encoders.create(MobileNetV3LargeEncoder.NAME, 0);
        assertThat(e.reductions()).containsExactly(2, 4, 8, 16, 32, 32);
        assertThat(e.outChannels()).containsExactly(16, 24, 40, 80, 160, 960);
        // torchvision 0.28's mobilenet_v3_large: sum of features.parameters() (without the classifier)
        assertThat(ResNetEncoderTest.trainable(e)).isEqualTo(2_971_952L);
    }

    @Test
    void widthMultiplierRoundsAsTorchvision() {
        // width_mult 0.25: _make_divisible(c / 4, 8); the last conv has 6x the last unit's channels
        Encoder e = create(4, 32);
        assertThat(e.outChannels()).containsExactly(8, 8, 16, 24, 40, 240);
        EncoderShapes.assertMatchesForward(e, 64, 96);
    }

    @Test
    void outputStride16IsTorchvisionsDilatedVariantAnd8GoesOn() {
        Encoder os16 = create(8, 16);
        assertThat(os16.reductions()).containsExactly(2, 4, 8, 16, 16, 16);
        EncoderShapes.assertMatchesForward(os16, 48, 64);
        Encoder os8 = create(8, 8);
        assertThat(os8.reductions()).containsExactly(2, 4, 8, 8, 8, 8);
        EncoderShapes.assertMatchesForward(os8, 40, 56);
    }

    @Test
    void badSettingsAreUserErrors() {
        assertThatThrownBy(() -> create(8, 4)).isInstanceOf(Seg4jException.class)
                .hasMessageContaining(MobileNetV3LargeEncoder.NAME).hasMessageContaining("output_stride");
        assertThatThrownBy(() -> MobileNetV3LargeEncoder.builder().optWidth(0).build())
                .isInstanceOf(Seg4jException.class).hasMessageContaining("width");
    }
}
