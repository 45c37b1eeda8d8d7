package org.seg4j.model.decoder.fastfcn;

import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.decoder.DecoderSpecs;

/**
 * FastFCN: an undilated encoder (output stride 32), {@link FastFcnDecoder} (Joint Pyramid
 * Upsampling to stride 8 + head) and a 1x1 classifier upsampled x8. JPU stands in for the dilated
 * last stages of DeepLab-style models at a fraction of their cost.
 *
 * <p>Options: {@code head} ({@code fcn} or {@code aspp}; default fcn), {@code decoder_width}
 * (default 512, scaled by base width / 64), {@code dropout} (default 0.1), {@code pad}. {@code
 * output_stride}, if given, must be 32.
 */
public final class FastFcn {

    /** Default encoder. */
    public static final String DEFAULT_ENCODER = "resnet18";

    /** The options {@link #create} reads (besides the encoder's); output_stride must stay 32. */
    public static final List<ModelOption> OPTIONS = DecoderSpecs.dilatedOptions(32, 512,
            ModelOption.choice("head", "fcn", "head on the joint pyramid upsampling", "fcn", "aspp"));

    private FastFcn() {}

    /** Builds the model described by {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        if (spec.intOption("output_stride", 32) != 32) {
            throw new Seg4jException("fastfcn replaces dilation with joint pyramid upsampling: its encoder runs at"
                    + " output_stride 32, got " + spec.option("output_stride", ""));
        }
        Encoder encoder = DecoderSpecs.dilatedEncoder(spec, DEFAULT_ENCODER, 32);
        FastFcnDecoder decoder = FastFcnDecoder.builder()
                .setEncoder(encoder)
                .optWidth(DecoderSpecs.width(spec, 512))
                .optHead(spec.option("head", "fcn"))
                .optDropout(DecoderSpecs.dropout(spec, 0.1f))
                .build();
        return DecoderSpecs.compose(spec, encoder, decoder);
    }
}
