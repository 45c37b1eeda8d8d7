package org.seg4j.model.decoder.pspnet;

import java.util.List;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.DecoderSpecs;

/**
 * PSPNet: a dilated encoder, {@link PspDecoder} (pyramid pooling) and a 1x1 classifier upsampled
 * bilinearly by the output stride.
 *
 * <p>Options: {@code output_stride} (8, 16 or 32; default 16, handed to the encoder; the paper
 * uses 8, which costs about 4x more in the last stages), {@code bins} (comma-separated, default
 * 1,2,3,6), {@code decoder_width} (default 512, scaled by base width / 64), {@code dropout}
 * (default 0.1), {@code pad}.
 */
public final class PSPNet {

    /** Default encoder. */
    public static final String DEFAULT_ENCODER = "resnet18";

    /** The options {@link #create} reads (besides the encoder's). */
    public static final List<ModelOption> OPTIONS = DecoderSpecs.dilatedOptions(16, 512,
            ModelOption.intList("bins", "1,2,3,6", "pyramid pooling grid sizes"));

    private PSPNet() {}

    /** Builds the model described by {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        Encoder encoder = DecoderSpecs.dilatedEncoder(spec, DEFAULT_ENCODER, 16);
        PspDecoder decoder = PspDecoder.builder()
                .setEncoder(encoder)
                .optWidth(DecoderSpecs.width(spec, 512))
                .optBins(DecoderSpecs.intList(spec, "bins", new int[] {1, 2, 3, 6}))
                .optDropout(DecoderSpecs.dropout(spec, 0.1f))
                .build();
        return DecoderSpecs.compose(spec, encoder, decoder);
    }
}
