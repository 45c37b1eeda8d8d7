package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.decoder.fcn.FcnDecoder;
import org.seg4j.model.decoder.unet.UNetDecoder;
import org.seg4j.model.encoder.Encoders;
import org.seg4j.model.encoder.UNetEncoder;
import org.seg4j.model.layer.Spatial.PadMode;

class SegmentationModelTest {

    private static UNetEncoder encoder(int depth) {
        return UNetEncoder.builder().optWidth(4).optDepth(depth).build();
    }

    @Test
    void missingPartsAreReported() {
        assertThatThrownBy(() -> SegmentationModel.builder().setEncoder(encoder(2)).build())
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("encoder, a decoder and a head");
    }

    @Test
    void headMustUndoTheDecoderReduction() {
        Encoder vgg = Encoders.create("vgg16", 4);
        // On vgg16 the unet decoder ends at stride 2, so a head without upsampling cannot fit.
        assertThatThrownBy(() -> SegmentationModel.builder()
                        .setEncoder(vgg)
                        .setDecoder(UNetDecoder.builder().setEncoder(vgg).build())
                        .setHead(SegmentationHead.builder().setNumClasses(2).build())
                        .build())
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("x2");
    }

    @Test
    void headWithoutProjectionNeedsClassScores() {
        Encoder vgg = Encoders.create("vgg16", 4);
        assertThatThrownBy(() -> SegmentationModel.builder()
                        .setEncoder(vgg)
                        .setDecoder(FcnDecoder.builder().setEncoder(vgg).setNumClasses(3).build())
                        .setHead(SegmentationHead.builder().setNumClasses(5).optProjection(false).build())
                        .build())
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("3 channels")
                .hasMessageContaining("5 classes");
    }

    @Test
    void padNoneNeedsADecoderThatReadsOneFeature() {
        // U-Net's skips would not line up without padding: the build refuses it, naming the way out
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("unet", "unet", 2, 4, java.util.Map.of(
                        "pad", "none"))))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("pad none")
                .hasMessageContaining("UNetDecoder")
                .hasMessageContaining("use pad reflect or zero");
    }

    @Test
    void decoderBuiltForAnotherEncoderIsRejected() {
        UNetDecoder deep = UNetDecoder.builder().setEncoder(encoder(4)).build();
        assertThatThrownBy(() -> SegmentationModel.builder()
                        .setEncoder(encoder(2))
                        .setDecoder(deep)
                        .setHead(SegmentationHead.builder().setNumClasses(2).build())
                        .build())
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("[1, 2, 4, 8, 16]")
                .hasMessageContaining("[1, 2, 4]");
    }

    @Test
    void paddingDoesNotLeakIntoTheCroppedRegionOfAPixelwiseModel() {
        // Identical constant weights, so the two models differ only in the pad mode. With depth 1 the
        // receptive field is about 10 pixels: columns far from the padded right edge must not
        // depend on the pad mode; the last column must.
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray[] outputs = new NDArray[2];
            PadMode[] modes = {PadMode.ZERO, PadMode.REFLECT};
            NDArray x = base.randomUniform(0, 1, new Shape(1, 3, 20, 21));
            for (int i = 0; i < 2; i++) {
                UNetEncoder e = encoder(1);
                SegmentationModel model = SegmentationModel.builder()
                        .setEncoder(e)
                        .setDecoder(UNetDecoder.builder().setEncoder(e).build())
                        .setHead(SegmentationHead.builder().setNumClasses(2).build())
                        .optPadMode(modes[i])
                        .build();
                model.setInitializer(new ConstantInitializer(0.01f), Parameter.Type.WEIGHT);
                ModelDirectory.initialize(model, base, 20, 21);
                outputs[i] = model.forward(new ParameterStore(base, false), new NDList(x), false).head();
            }
            assertThat(outputs[0].getShape()).isEqualTo(new Shape(1, 2, 20, 21));
            NDIndex far = new NDIndex(":, :, :, :10");
            assertThat(outputs[0].get(far).toFloatArray()).containsExactly(outputs[1].get(far).toFloatArray());
            NDIndex border = new NDIndex(":, :, :, 20:");
            assertThat(outputs[0].get(border).toFloatArray()).isNotEqualTo(outputs[1].get(border).toFloatArray());
        }
    }
}
