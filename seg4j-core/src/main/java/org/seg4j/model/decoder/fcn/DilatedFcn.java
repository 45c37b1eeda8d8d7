package org.seg4j.model.decoder.fcn;

import java.util.List;
import org.seg4j.model.Architectures;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.DecoderSpecs;

/**
 * FCN on a dilated encoder, torchvision's {@code fcn_resnet50}/{@code fcn_resnet101}: the encoder
 * at output stride 8, {@link FcnHeadDecoder} and a 1x1 classifier upsampled bilinearly. Unlike
 * {@code fcn8s} it has no skip connections: dilation keeps the resolution instead.
 *
 * <p>Options: {@code output_stride} (8, 16 or 32; default 8), {@code decoder_width} (default: a
 * quarter of the deepest encoder channels, 512 on ResNet-50), {@code dropout} (default 0.1),
 * {@code pad}. torchvision's model is {@code resnet50} with {@code pad none}.
 */
public final class DilatedFcn {

    /** Registry name. */
    public static final String NAME = "fcn";

    /** Default encoder. */
    public static final String DEFAULT_ENCODER = "resnet18";

    /** The options {@link #create} reads (besides the encoder's). */
    public static final List<ModelOption> OPTIONS = List.of(
            DecoderSpecs.outputStrideOption(8),
            ModelOption.integer("decoder_width", "auto: deepest encoder channels / 4", "channels of the 3x3 head conv"),
            DecoderSpecs.dropoutOption(0.1f),
            Architectures.PAD);

    private DilatedFcn() {}

    /** Builds the model described by {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        Encoder encoder = DecoderSpecs.dilatedEncoder(spec, DEFAULT_ENCODER, 8);
        FcnHeadDecoder decoder = FcnHeadDecoder.builder()
                .setEncoder(encoder)
                .optWidth(spec.intOption("decoder_width", 0))
                .optDropout(DecoderSpecs.dropout(spec, 0.1f))
                .build();
        return DecoderSpecs.compose(spec, encoder, decoder);
    }
}
