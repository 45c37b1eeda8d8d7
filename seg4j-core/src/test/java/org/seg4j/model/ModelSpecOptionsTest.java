package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.decoder.fcn.FcnDecoder;

/** A spec's options are checked against its architecture and encoder when the spec is made. */
class ModelSpecOptionsTest {

    @Test
    void unknownOptionIsRejectedAndTheValidOnesAreListed() {
        // camelCase, as the old Javadoc example had it: it used to be ignored silently
        assertThatThrownBy(() -> new ModelSpec("deeplabv3", "", 3, 8, Map.of("outputStride", "8")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("deeplabv3")
                .hasMessageContaining("outputStride")
                .hasMessageContaining("output_stride")
                .hasMessageContaining("atrous_rates")
                .hasMessageContaining("pad");
    }

    @Test
    void encoderOptionsCountOnlyWithThatEncoder() {
        // output_stride belongs to the resnet encoder, depth to the unet encoder
        new ModelSpec("unet", "resnet18", 3, 8, Map.of("output_stride", "16"));
        new ModelSpec("unet", "unet", 3, 8, Map.of("depth", "3"));
        assertThatThrownBy(() -> new ModelSpec("unet", "vgg16", 3, 8, Map.of("output_stride", "16")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("'vgg16'")
                .hasMessageContaining("output_stride")
                .hasMessageContaining("decoder_channels");
        assertThatThrownBy(() -> new ModelSpec("unet", "resnet18", 3, 8, Map.of("depth", "3")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("depth");
    }

    @Test
    void valuesAreTypeCheckedWithTheOptionAndTypeNamed() {
        assertThatThrownBy(() -> new ModelSpec("deeplabv3", "", 3, 8, Map.of("output_stride", "eight")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("output_stride must be an integer, got 'eight'");
        assertThatThrownBy(() -> new ModelSpec("deeplabv3", "", 3, 8, Map.of("dropout", "lots")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("dropout must be a number");
        assertThatThrownBy(() -> new ModelSpec("pspnet", "", 3, 8, Map.of("bins", "1,two")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("bins must be a comma-separated list of integers");
        assertThatThrownBy(() -> new ModelSpec("unet", "", 3, 8, Map.of("pad", "mirror")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("pad must be one of reflect, zero, none, got 'mirror'");
        assertThatThrownBy(() -> new ModelSpec("segmenter", "", 3, 8, Map.of("pos_grid", "4x4x4")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("pos_grid must be N or HxW");
    }

    @Test
    void registryRejectsUnknownOptionsOfAnArchitectureRegisteredLater() {
        String name = "late-arch-" + System.nanoTime();
        ModelSpec spec = new ModelSpec(name, "", 2, 0, Map.of("width", "3"));
        ModelRegistry.register(new ModelRegistry.Entry(name, "registered after its spec (tests)", "", java.util.List.of(),
                s -> {
                    throw new AssertionError("the factory must not run");
                }));
        assertThatThrownBy(() -> ModelRegistry.create(spec))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("has no option width");
    }

    @Test
    void fcnVariantsHaveTheirOwnNames() {
        assertThat(ModelRegistry.names()).contains("fcn8s", "fcn16s", "fcn32s");
        int[][] expected = {{8, 16, 32}, {16, 32}, {32}};
        String[] names = {"fcn8s", "fcn16s", "fcn32s"};
        for (int i = 0; i < names.length; i++) {
            SegmentationModel model = (SegmentationModel) ModelRegistry.create(new ModelSpec(names[i], "", 3, 4, Map.of()));
            assertThat(((FcnDecoder) model.decoder()).featureReductions()).as(names[i]).containsExactly(expected[i]);
        }
        assertThatThrownBy(() -> new ModelSpec("fcn8s", "", 3, 4, Map.of("variant", "16")))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("variant");
    }
}
