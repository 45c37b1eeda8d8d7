package org.seg4j.model.decoder.deeplab;

import java.util.List;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.DecoderSpecs;

/**
 * DeepLabV3+: a dilated encoder, {@link DeepLabV3PlusDecoder} (separable ASPP + low-level decoder
 * at stride 4) and a 1x1 classifier upsampled x4.
 *
 * <p>Options: as {@link DeepLabV3} ({@code output_stride}, {@code atrous_rates}, {@code
 * decoder_width}, {@code dropout}, {@code pad}) plus {@code low_level_width} (default 48, scaled
 * by base width / 64).
 */
public final class DeepLabV3Plus {

    /** The options {@link #create} reads (besides the encoder's). */
    public static final List<ModelOption> OPTIONS = DecoderSpecs.dilatedOptions(16, 256, DeepLabV3.ATROUS_RATES,
            ModelOption.integer("low_level_width", "auto: 48 x base_width / 64", "channels of the stride-4 skip"));

    private DeepLabV3Plus() {}

    /** Builds the model described by {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        Encoder encoder = DecoderSpecs.dilatedEncoder(spec, DeepLabV3.DEFAULT_ENCODER, 16);
        int lowDefault = spec.baseWidth() > 0
                ? Math.max(8, 48 * spec.baseWidth() / DecoderSpecs.REFERENCE_WIDTH)
                : 48;
        DeepLabV3PlusDecoder decoder = DeepLabV3PlusDecoder.builder()
                .setEncoder(encoder)
                .optWidth(DecoderSpecs.width(spec, 256))
                .optLowLevelWidth(spec.intOption("low_level_width", lowDefault))
                .optRates(DeepLabV3.rates(spec, encoder))
                .optDropout(DecoderSpecs.dropout(spec, 0.1f))
                .build();
        return DecoderSpecs.compose(spec, encoder, decoder);
    }
}
