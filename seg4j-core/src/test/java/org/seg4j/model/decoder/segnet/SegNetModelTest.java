package org.seg4j.model.decoder.segnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.SegmentationModelContract;
import org.seg4j.model.encoder.Encoders;

class SegNetModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("segnet", "", numClasses, 8, Map.of());
    }

    @Test
    void encoderExposesSwitchMasksThenPool5() {
        SegmentationModel model = (SegmentationModel) ModelRegistry.create(ModelSpec.of("segnet", 5));
        assertThat(model.encoder().reductions()).containsExactly(1, 2, 4, 8, 16, 32);
        assertThat(model.encoder().outChannels()).containsExactly(64, 128, 256, 512, 512, 512);
        assertThat(model.decoder().featureReductions()).containsExactly(1, 2, 4, 8, 16, 32);
        assertThat(model.decoder().outChannels()).isEqualTo(64);
    }

    @Test
    void onlyTheSwitchKeepingVggEncoderIsAccepted() {
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("segnet", "unet", 3, 8, Map.of())))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("vgg16");
        assertThatThrownBy(() -> SegNetDecoder.builder().setEncoder(Encoders.create("vgg16", 8)).build())
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("switches");
    }
}
