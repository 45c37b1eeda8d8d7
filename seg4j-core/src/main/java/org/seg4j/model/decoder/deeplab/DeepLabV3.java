package org.seg4j.model.decoder.deeplab;

import java.util.List;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.DecoderSpecs;

/**
 * DeepLabV3: a dilated encoder, {@link DeepLabV3Decoder} and a 1x1 classifier upsampled
 * bilinearly by the output stride.
 *
 * <p>Options: {@code output_stride} (8, 16 or 32; default 16, handed to the encoder), {@code
 * atrous_rates} (comma-separated; default 6,12,18 scaled by 16 / the encoder's output stride:
 * 12,24,36 at 8, 3,6,9 at 32), {@code decoder_width} (default 256, scaled by base width / 64),
 * {@code dropout} (default 0.1), {@code pad}.
 */
public final class DeepLabV3 {

    /** Default encoder. */
    public static final String DEFAULT_ENCODER = "resnet18";

    static final int[] RATES_AT_16 = {6, 12, 18};

    /** Option {@code atrous_rates}. */
    static final ModelOption ATROUS_RATES = ModelOption.intList("atrous_rates",
            "auto: 6,12,18 x 16 / output_stride", "ASPP dilation rates");

    /** The options {@link #create} reads (besides the encoder's). */
    public static final List<ModelOption> OPTIONS = DecoderSpecs.dilatedOptions(16, 256, ATROUS_RATES);

    private DeepLabV3() {}

    /** Builds the model described by {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        Encoder encoder = DecoderSpecs.dilatedEncoder(spec, DEFAULT_ENCODER, 16);
        DeepLabV3Decoder decoder = DeepLabV3Decoder.builder()
                .setEncoder(encoder)
                .optWidth(DecoderSpecs.width(spec, 256))
                .optRates(rates(spec, encoder))
                .optDropout(DecoderSpecs.dropout(spec, 0.1f))
                .build();
        return DecoderSpecs.compose(spec, encoder, decoder);
    }

    /** Option {@code atrous_rates}, or the paper's rates scaled to the encoder's output stride. */
    public static int[] rates(ModelSpec spec, Encoder encoder) {
        int[] defaults = new int[RATES_AT_16.length];
        for (int i = 0; i < defaults.length; i++) {
            defaults[i] = Math.max(1, RATES_AT_16[i] * 16 / encoder.outputStride());
        }
        return DecoderSpecs.intList(spec, "atrous_rates", defaults);
    }
}
