package org.seg4j.model.decoder.segmenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelRegistry;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.SegmentationModelContract;
import org.seg4j.model.encoder.VitEncoder;

/**
 * Segmenter with a tiny ViT: width 16, two encoder blocks, one decoder block, positional grid 4x4,
 * so every input size of the contract uses interpolated positional embeddings; patch 2.
 */
class SegmenterModelTest extends SegmentationModelContract {

    @Override
    protected ModelSpec smallSpec(int numClasses) {
        return new ModelSpec("segmenter", "vit-tiny", numClasses, 16,
                Map.of("patch_size", "2", "depth", "2", "heads", "2", "dec_depth", "1", "pos_grid", "4"));
    }

    @Test
    void defaultsAreVitTinyPatch16WithATwoBlockDecoderAndAnUpsamplingHead() {
        SegmentationModel model = (SegmentationModel) ModelRegistry.create(ModelSpec.of("segmenter", 11));
        VitEncoder encoder = (VitEncoder) model.encoder();
        assertThat(encoder.name()).isEqualTo("vit-tiny");
        assertThat(encoder.patchSize()).isEqualTo(16);
        assertThat(encoder.outChannels()).containsExactly(192);
        MaskTransformerDecoder decoder = (MaskTransformerDecoder) model.decoder();
        assertThat(decoder.depth()).isEqualTo(2);
        assertThat(decoder.width()).isEqualTo(192);
        assertThat(decoder.outChannels()).isEqualTo(11);
        assertThat(model.head().hasProjection()).isFalse();
        assertThat(model.head().upsampling()).isEqualTo(16);
        SegmentationModel small = (SegmentationModel) ModelRegistry.create(new ModelSpec("segmenter", "vit-small", 3, 0,
                Map.of("patch_size", "8", "dec_width", "128", "dec_depth", "1")));
        assertThat(small.encoder().outChannels()).containsExactly(384);
        assertThat(small.head().upsampling()).isEqualTo(8);
        assertThat(((MaskTransformerDecoder) small.decoder()).width()).isEqualTo(128);
    }

    @Test
    void badDecoderOptionsAreUserErrors() {
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("segmenter", "", 3, 0, Map.of("dec_heads", "5"))))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("dec_heads");
        assertThatThrownBy(() -> ModelRegistry.create(new ModelSpec("segmenter", "", 3, 0, Map.of("dec_depth", "0"))))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("dec_depth");
    }
}
