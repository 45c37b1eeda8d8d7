package org.seg4j.model.decoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.encoder.Encoders;

class DecoderSpecsTest {

    @Test
    void contextArchitecturesAreRegisteredWithResnet18ByDefault() {
        for (String name : new String[] {"deeplabv3", "deeplabv3plus", "pspnet", "parsenet", "fastfcn"}) {
            ModelRegistry.Entry e = ModelRegistry.entry(name);
            assertThat(e.defaultEncoder()).as(name).isEqualTo("resnet18");
            assertThat(e.encoders()).as(name).contains("vgg16", "resnet18", "resnet34", "resnet50", "mobilenetv2");
        }
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("pspnet", "unet9", 3, 8, Map.of())))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("unet9");
    }

    @Test
    void decoderWidthFollowsTheBaseWidthUnlessGiven() {
        assertThat(DecoderSpecs.width(new ModelSpec("pspnet", "", 3, 0, Map.of()), 512)).isEqualTo(512);
        assertThat(DecoderSpecs.width(new ModelSpec("pspnet", "", 3, 16, Map.of()), 512)).isEqualTo(128);
        assertThat(DecoderSpecs.width(new ModelSpec("pspnet", "", 3, 2, Map.of()), 256)).isEqualTo(8);
        assertThat(DecoderSpecs.width(new ModelSpec("pspnet", "", 3, 16, Map.of("decoder_width", "24")), 512))
                .isEqualTo(24);
    }

    @Test
    void outputStrideIsHandedToTheEncoderAndCheckedWhenExplicit() {
        ModelSpec implicit = new ModelSpec("deeplabv3", "vgg16", 3, 8, Map.of());
        assertThat(DecoderSpecs.dilatedEncoder(implicit, "resnet18", 16).outputStride()).isEqualTo(32);
        ModelSpec explicit = new ModelSpec("deeplabv3", "vgg16", 3, 8, Map.of("output_stride", "32"));
        assertThat(DecoderSpecs.dilatedEncoder(explicit, "resnet18", 16).name()).isEqualTo("vgg16");
        assertThat(Encoders.names()).contains("vgg16");
        assertThatThrownBy(() -> DecoderSpecs.dilatedEncoder(
                        new ModelSpec("deeplabv3", "vgg16", 3, 8, Map.of("output_stride", "8")), "resnet18", 16))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("vgg16")
                .hasMessageContaining("output_stride 8");
    }
}
