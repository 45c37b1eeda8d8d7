package org.seg4j.model.decoder.lraspp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.ModelStats;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.SegmentationModelContract;

class LrAsppModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("lraspp", "", numClasses, 4, Map.of("inter_channels", "16"));
    }

    @Test
    void defaultsAreTorchvisionsLrasppMobileNetV3Large() {
        ModelSpec spec = ModelSpec.of("lraspp", 21);
        SegmentationModel model = (SegmentationModel) ModelRegistry.create(spec);
        assertThat(model.encoder().name()).isEqualTo("mobilenetv3_large");
        assertThat(model.encoder().outputStride()).isEqualTo(16);
        // low: features.4 (40 channels, stride 8), high: features.16 (960 channels)
        int[] f = model.featureIndices();
        assertThat(model.encoder().outChannels()[f[0]]).isEqualTo(40);
        assertThat(model.encoder().reductions()[f[0]]).isEqualTo(8);
        assertThat(model.encoder().outChannels()[f[1]]).isEqualTo(960);
        assertThat(model.head().hasProjection()).isFalse();
        assertThat(model.head().upsampling()).isEqualTo(8);
        // torchvision's lraspp_mobilenet_v3_large(num_classes=21): 3,221,538 parameters (its
        // meta["num_params"]) plus the batch-norm running means and variances (2 x 12,328), which seg4j
        // counts as parameters too
        long withStatistics = ModelStats.summary(spec, 64, 64).parameters();
        assertThat(withStatistics).isEqualTo(3_221_538L + 2 * 12_328L);
    }

    @Test
    void badOptionsAreUserErrors() {
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("lraspp", "", 3, 4, Map.of("output_stride", "8"))))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("output_stride");
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("lraspp", "", 3, 4, Map.of("inter_channels", "0"))))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("inter_channels");
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("lraspp", "vgg16", 3, 4, Map.of())))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("lraspp");
    }
}
