package org.seg4j.model.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelSpec;

class EncodersTest {

    @Test
    void unknownEncoderListsValidNames() {
        assertThatThrownBy(() -> Encoders.create("resnet999", 8))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("resnet999")
                .hasMessageContaining("unet")
                .hasMessageContaining("vgg16")
                .hasMessageContaining("resnet18")
                .hasMessageContaining("resnet50")
                .hasMessageContaining("mobilenetv2");
    }

    @Test
    void unetEncoderDeclaresStridesAndChannels() {
        Encoder e = Encoders.create("unet", new ModelSpec("unet", "", 2, 8, Map.of("depth", "3")));
        assertThat(e.reductions()).containsExactly(1, 2, 4, 8);
        assertThat(e.outChannels()).containsExactly(8, 16, 32, 64);
        assertThat(e.outputStride()).isEqualTo(8);
        assertMatchesForward(e, 48, 64);
    }

    @Test
    void vggEncoderDeclaresStridesAndChannels() {
        Encoder e = Encoders.create("vgg16", 4);
        assertThat(e.reductions()).containsExactly(2, 4, 8, 16, 32);
        assertThat(e.outChannels()).containsExactly(4, 8, 16, 32, 32);
        assertThat(e.outputStride()).isEqualTo(32);
        assertMatchesForward(e, 64, 96);
    }

    @Test
    void defaultWidthsComeFromTheRegistry() {
        assertThat(Encoders.create("unet", 0).outChannels()[0]).isEqualTo(UNetEncoder.DEFAULT_WIDTH);
        assertThat(Encoders.create("vgg16", 0).outChannels()[0]).isEqualTo(VggEncoder.DEFAULT_WIDTH);
        assertThat(Encoders.create("resnet34", 0).outChannels()[0]).isEqualTo(ResNetEncoder.DEFAULT_WIDTH);
        assertThat(Encoders.create("mobilenetv2", 0).outChannels()).startsWith(16);
    }

    @Test
    void invalidDepthIsAUserError() {
        assertThatThrownBy(() -> Encoders.create("unet", new ModelSpec("unet", "", 2, 8, Map.of("depth", "0"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("depth");
    }

    /** The features of a real forward pass have the declared channels and strides, and match getOutputShapes. */
    private static void assertMatchesForward(Encoder e, int height, int width) {
        try (NDManager base = NDManager.newBaseManager()) {
            Shape input = new Shape(2, 3, height, width);
            e.initialize(base, DataType.FLOAT32, input);
            Shape[] declared = e.getOutputShapes(new Shape[] {input});
            try (NDManager sub = base.newSubManager()) {
                NDList features = e.forward(new ParameterStore(base, false), new NDList(sub.ones(input)), false);
                assertThat(features).hasSize(e.reductions().length);
                for (int i = 0; i < features.size(); i++) {
                    Shape expected = new Shape(2, e.outChannels()[i], height / e.reductions()[i], width / e.reductions()[i]);
                    assertThat(features.get(i).getShape()).as("stage %d", i).isEqualTo(expected);
                    assertThat(declared[i]).as("declared stage %d", i).isEqualTo(expected);
                }
            }
        }
    }
}
