package org.seg4j.model;

import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.model.decoder.fcn.FcnDecoder;
import org.seg4j.model.decoder.segmenter.MaskTransformerDecoder;
import org.seg4j.model.decoder.unet.UNetDecoder;
import org.seg4j.model.encoder.Encoders;
import org.seg4j.model.layer.Spatial.PadMode;

/**
 * The factories behind {@link ModelRegistry}'s entries: each reads a {@link ModelSpec} and
 * composes a {@link SegmentationModel}. Options are read from {@link ModelSpec#options()}.
 */
public final class Architectures {

    /** Default upper bound on U-Net decoder channels: the original U-Net's widest decoder block. */
    public static final int DEFAULT_UNET_DECODER_CHANNELS = 512;

    /** Option {@code pad}, read by {@link #compose} and so shared by every built-in architecture. */
    public static final ModelOption PAD = ModelOption.choice("pad", "reflect",
            "how the input is padded to a multiple of the output stride (none: not padded, logits resized to the "
                    + "input as torchvision does; decoders reading one feature)", "reflect", "zero", "none");

    /** The options {@link #unet} reads (besides the encoder's). */
    public static final List<ModelOption> UNET_OPTIONS = List.of(
            ModelOption.integer("decoder_channels", DEFAULT_UNET_DECODER_CHANNELS, "upper bound on decoder channels"),
            PAD);

    /** The options {@link #fcn} reads (besides the encoder's). */
    public static final List<ModelOption> FCN_OPTIONS = List.of(
            ModelOption.integer("fc_width", "auto: 2 x deepest encoder channels, at most 1024", "fc6/fc7 channels"),
            ModelOption.integer("fc_kernel", 3, "fc6 kernel size"),
            PAD);

    /** The options {@link #segmenter} reads (besides the ViT encoder's). */
    public static final List<ModelOption> SEGMENTER_OPTIONS = List.of(
            ModelOption.integer("dec_width", "auto: the encoder's width", "mask transformer width"),
            ModelOption.integer("dec_depth", 2, "mask transformer blocks"),
            ModelOption.integer("dec_heads", "auto: dec_width / 64", "mask transformer heads"),
            PAD);

    private Architectures() {}

    /**
     * U-Net. Encoder default {@code unet}, or any registered encoder (vgg16, resnet18/34/50,
     * mobilenetv2: their first feature is at stride 2 and the head upsamples the last 2x); options:
     * {@code depth} (unet encoder downsamplings, default 4), {@code output_stride} (resnet and
     * mobilenetv2: 32, 16 or 8), {@code decoder_channels} (upper bound on the decoder blocks'
     * channels, default 512 as in the original U-Net; 256 makes a ResNet-50 U-Net about 35%
     * smaller), {@code pad} ({@code reflect} or {@code zero}).
     */
    public static SegmentationModel unet(ModelSpec spec) {
        Encoder encoder = Encoders.create(spec.encoderOr("unet"), spec);
        UNetDecoder decoder = UNetDecoder.builder()
                .setEncoder(encoder)
                .optMaxChannels(spec.intOption("decoder_channels", DEFAULT_UNET_DECODER_CHANNELS))
                .build();
        SegmentationHead head = SegmentationHead.builder()
                .setNumClasses(spec.numClasses())
                .optUpsampling(decoder.outputReduction())
                .build();
        return compose(spec, encoder, decoder, head);
    }

    /** FCN-8s: {@link #fcn(ModelSpec, int)} with variant 8. */
    public static SegmentationModel fcn(ModelSpec spec) {
        return fcn(spec, 8);
    }

    /**
     * FCN-8s, -16s or -32s ({@code variant}: the finest stride whose scores are fused; registered
     * as {@code fcn8s}, {@code fcn16s}, {@code fcn32s}). Encoder default {@code vgg16}, or any
     * encoder with features at the strides used (resnet18/34/50, mobilenetv2, unet with depth 5);
     * options: {@code fc_width}, {@code fc_kernel} (see {@link FcnDecoder.Builder}), {@code pad}.
     */
    public static SegmentationModel fcn(ModelSpec spec, int variant) {
        Encoder encoder = Encoders.create(spec.encoderOr("vgg16"), spec);
        FcnDecoder decoder = FcnDecoder.builder()
                .setEncoder(encoder)
                .setNumClasses(spec.numClasses())
                .optVariant(variant)
                .optFcWidth(spec.intOption("fc_width", 0))
                .optFcKernel(spec.intOption("fc_kernel", 3))
                .build();
        // FCN's score layers already are the classifier.
        SegmentationHead head = SegmentationHead.builder()
                .setNumClasses(spec.numClasses())
                .optProjection(false)
                .build();
        return compose(spec, encoder, decoder, head);
    }

    /**
     * Segmenter (Strudel et al., 2021): a ViT encoder and a mask transformer decoder whose class
     * masks are the logits at the patch stride, upsampled bilinearly by the head. Encoder default
     * {@code vit-tiny} (options {@code patch_size}, {@code depth}, {@code heads}, {@code pos_grid},
     * {@code image_size}, {@code mlp_ratio}: see {@link org.seg4j.model.encoder.VitEncoder#fromSpec});
     * decoder options {@code dec_width} (default: the encoder's), {@code dec_depth} (default 2),
     * {@code dec_heads}; {@code pad}.
     */
    public static SegmentationModel segmenter(ModelSpec spec) {
        Encoder encoder = Encoders.create(spec.encoderOr("vit-tiny"), spec);
        MaskTransformerDecoder decoder = MaskTransformerDecoder.builder()
                .setEncoder(encoder)
                .setNumClasses(spec.numClasses())
                .optWidth(spec.intOption("dec_width", 0))
                .optDepth(spec.intOption("dec_depth", 2))
                .optHeads(spec.intOption("dec_heads", 0))
                .optMlpRatio(spec.intOption("mlp_ratio", 4))
                .build();
        // The masks already are class logits.
        SegmentationHead head = SegmentationHead.builder()
                .setNumClasses(spec.numClasses())
                .optUpsampling(decoder.outputReduction())
                .optProjection(false)
                .build();
        return compose(spec, encoder, decoder, head);
    }

    /** Composes encoder, decoder and head with the spec's {@code pad} option (architecture factories share it). */
    public static SegmentationModel compose(ModelSpec spec, Encoder encoder, Decoder decoder, SegmentationHead head) {
        SegmentationModel.Builder model = SegmentationModel.builder()
                .setEncoder(encoder)
                .setDecoder(decoder)
                .setHead(head)
                .optPadMode(padMode(spec.option("pad", "reflect")));
        TemporalOptions.warpsWithFlow(spec); // checks the value
        if (TemporalOptions.isFusion(spec)) {
            int hidden = TemporalOptions.channels(spec);
            model.optScoreFusion(hidden > 0 ? hidden : TemporalOptions.DEFAULT_FUSION_CHANNELS, TemporalOptions.blend(spec));
        } else if (TemporalOptions.isTemporal(spec)) {
            model.optTemporal(TemporalOptions.channels(spec), TemporalOptions.kernel(spec));
        }
        return model.build();
    }

    /** The pad mode named by option {@code pad}: {@code reflect}, {@code zero} or {@code none}. */
    public static PadMode padMode(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "reflect" -> PadMode.REFLECT;
            case "zero" -> PadMode.ZERO;
            case "none" -> PadMode.NONE;
            default -> throw new Seg4jException("model option pad must be reflect, zero or none, got '" + name + "'");
        };
    }
}
