package org.seg4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelSpec;

class MobileNetV2EncoderTest {

    private static Encoder create(int width, int outputStride) {
        return Encoders.create("mobilenetv2", new ModelSpec("unet", "mobilenetv2", 2, width,
                Map.of(Encoders.OUTPUT_STRIDE, String.valueOf(outputStride))));
    }

    @Test
    void standardWidthHasTheReferenceChannels() {
        Encoder e = Encoders.create("mobilenetv2", 0);
        assertThat(e.reductions()).containsExactly(2, 4, 8, 16, 32);
        assertThat(e.outChannels()).containsExactly(16, 24, 32, 96, 320);
        // torchvision's mobilenet_v2 (3,504,872) without the classifier (1,281,000) and the final
        // 1x1 conv + BN to 1280 channels (412,160).
        assertThat(ResNetEncoderTest.trainable(e)).isEqualTo(1_811_712L);
    }

    @Test
    void widthMultiplierScalesChannelsInMultiplesOfEight() {
        Encoder e = Encoders.create("mobilenetv2", 16);
        assertThat(e.outChannels()).containsExactly(8, 16, 16, 48, 160);
        EncoderShapes.assertMatchesForward(e, 64, 96);
        assertThat(MobileNetV2Encoder.divisible(4)).isEqualTo(8);
        assertThat(MobileNetV2Encoder.divisible(12)).isEqualTo(16);
        assertThat(MobileNetV2Encoder.divisible(24 * 1.4)).isEqualTo(32);
    }

    @Test
    void outputStride16And8DilateTheDeepestStages() {
        Encoder os16 = create(8, 16);
        assertThat(os16.reductions()).containsExactly(2, 4, 8, 16, 16);
        EncoderShapes.assertMatchesForward(os16, 48, 64);
        Encoder os8 = create(8, 8);
        assertThat(os8.reductions()).containsExactly(2, 4, 8, 8, 8);
        assertThat(os8.outputStride()).isEqualTo(8);
        EncoderShapes.assertMatchesForward(os8, 40, 56);
    }

    @Test
    void unsupportedOutputStrideIsAUserError() {
        assertThatThrownBy(() -> create(8, 64))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("mobilenetv2")
                .hasMessageContaining("output_stride");
    }
}
