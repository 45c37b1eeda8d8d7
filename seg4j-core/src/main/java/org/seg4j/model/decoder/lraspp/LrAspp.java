package org.seg4j.model.decoder.lraspp;

import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.Architectures;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationHead;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.DecoderSpecs;
import org.seg4j.model.encoder.MobileNetV3LargeEncoder;

/**
 * LR-ASPP as torchvision's {@code lraspp_mobilenet_v3_large}: a MobileNetV3-Large encoder at output
 * stride 16 (torchvision's {@code dilated=True}), {@link LrAsppDecoder} on its stride-8 ("low",
 * {@code features.4}) and deepest ("high", {@code features.16}) features, and a head without
 * projection that upsamples the stride-8 scores bilinearly to the input.
 *
 * <p>Options: {@code output_stride} (16, default, or 32), {@code inter_channels} (default 128),
 * {@code pad}; the encoder's width sets the width multiplier (width / 16). Other dilatable encoders
 * (mobilenetv2, resnet18/34/50) work too, with their stride-8 stage as the low feature.
 */
public final class LrAspp {

    /** Registry name. */
    public static final String NAME = "lraspp";

    /** Default encoder. */
    public static final String DEFAULT_ENCODER = MobileNetV3LargeEncoder.NAME;

    /** The options {@link #create} reads (besides the encoder's). */
    public static final List<ModelOption> OPTIONS = List.of(
            ModelOption.integer("output_stride", 16, "16 or 32: stride of the high-level feature"),
            ModelOption.integer("inter_channels", LrAsppDecoder.DEFAULT_INTER_CHANNELS,
                    "channels of the gated high-level branch"),
            Architectures.PAD);

    private LrAspp() {}

    /** Builds the model described by {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        int stride = spec.intOption("output_stride", 16);
        if (stride != 16 && stride != 32) {
            throw new Seg4jException("lraspp model option output_stride must be 16 or 32 (the low-level feature "
                    + "has stride 8), got " + stride);
        }
        Encoder encoder = DecoderSpecs.dilatedEncoder(spec, DEFAULT_ENCODER, 16);
        LrAsppDecoder decoder = LrAsppDecoder.builder()
                .setEncoder(encoder)
                .setNumClasses(spec.numClasses())
                .optInterChannels(spec.intOption("inter_channels", LrAsppDecoder.DEFAULT_INTER_CHANNELS))
                .build();
        // The decoder's scores already are the classifier's.
        SegmentationHead head = SegmentationHead.builder()
                .setNumClasses(spec.numClasses())
                .optUpsampling(decoder.outputReduction())
                .optProjection(false)
                .build();
        return Architectures.compose(spec, encoder, decoder, head);
    }
}
