package org.seg4j.model.decoder.parsenet;

import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.Architectures;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.DecoderSpecs;

/**
 * ParseNet: a dilated encoder, {@link ParseNetDecoder} (L2-normalised local + global context) and
 * a 1x1 classifier upsampled bilinearly by the output stride.
 *
 * <p>Options: {@code output_stride} (8, 16 or 32; default 16, handed to the encoder), {@code
 * l2_scale} (initial L2 scale, default 10), {@code pad}.
 */
public final class ParseNet {

    /** Default encoder. */
    public static final String DEFAULT_ENCODER = "resnet18";

    /** The options {@link #create} reads (besides the encoder's). */
    public static final List<ModelOption> OPTIONS = List.of(DecoderSpecs.outputStrideOption(16),
            ModelOption.number("l2_scale", 10, "initial scale of the L2-normalised features"), Architectures.PAD);

    private ParseNet() {}

    /** Builds the model described by {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        Encoder encoder = DecoderSpecs.dilatedEncoder(spec, DEFAULT_ENCODER, 16);
        ParseNetDecoder decoder = ParseNetDecoder.builder()
                .setEncoder(encoder)
                .optInitialScale(scale(spec.option("l2_scale", "10")))
                .build();
        return DecoderSpecs.compose(spec, encoder, decoder);
    }

    private static float scale(String v) {
        try {
            return Float.parseFloat(v.trim());
        } catch (NumberFormatException e) {
            throw new Seg4jException("model option l2_scale must be a number, got '" + v + "'");
        }
    }
}
