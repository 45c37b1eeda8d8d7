package org.seg4j.model.decoder.deeplab;

import java.util.List;
import org.seg4j.Seg4jException;
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
 * {@code dropout} (default 0.1), {@code aspp_pooling} ({@code conv}: a biased 1x1 conv + ReLU, the
 * default; {@code conv_bn}: torchvision's 1x1 conv + BN + ReLU), {@code pad}. torchvision's {@code
 * deeplabv3_resnet50} is {@code resnet50} with {@code output_stride 8}, {@code aspp_pooling
 * conv_bn}, {@code dropout 0.5} and {@code pad none} (see {@code TorchvisionModels}).
 */
public final class DeepLabV3 {

    /** Default encoder. */
    public static final String DEFAULT_ENCODER = "resnet18";

    static final int[] RATES_AT_16 = {6, 12, 18};

    /** The feature-map size the paper's rates were made for: 513-pixel crops at output stride 16. */
    static final int PAPER_MAP_SIZE = 33;

    /** Option {@code atrous_rates}. */
    static final ModelOption ATROUS_RATES = ModelOption.intList("atrous_rates",
            "auto: 6,12,18 x 16 / output_stride", "ASPP dilation rates");

    /** Option {@code aspp_pooling}. */
    static final ModelOption ASPP_POOLING = ModelOption.choice("aspp_pooling", "conv",
            "ASPP image-pooling branch: conv (biased 1x1 conv + ReLU) or conv_bn (torchvision's 1x1 conv + BN + ReLU)",
            "conv", "conv_bn");

    /** The options {@link #create} reads (besides the encoder's). */
    public static final List<ModelOption> OPTIONS = DecoderSpecs.dilatedOptions(16, 256, ATROUS_RATES, ASPP_POOLING);

    private DeepLabV3() {}

    /** Builds the model described by {@code spec}. */
    public static SegmentationModel create(ModelSpec spec) {
        Encoder encoder = DecoderSpecs.dilatedEncoder(spec, DEFAULT_ENCODER, 16);
        DeepLabV3Decoder decoder = DeepLabV3Decoder.builder()
                .setEncoder(encoder)
                .optWidth(DecoderSpecs.width(spec, 256))
                .optRates(rates(spec, encoder))
                .optDropout(DecoderSpecs.dropout(spec, 0.1f))
                .optPoolingBatchNorm(poolingBatchNorm(spec))
                .build();
        return DecoderSpecs.compose(spec, encoder, decoder);
    }

    /** Option {@code aspp_pooling}: whether the image-pooling branch has torchvision's batch norm. */
    static boolean poolingBatchNorm(ModelSpec spec) {
        String v = spec.option("aspp_pooling", "conv").trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "conv" -> false;
            case "conv_bn" -> true;
            default -> throw new Seg4jException("model option aspp_pooling must be conv or conv_bn, got '" + v + "'");
        };
    }

    /**
     * The paper's rates 6, 12, 18 scaled to a feature map {@code size} high or wide, each at least 1:
     * 2, 4, 6 for the 11x15 map of a 176x240 crop at output stride 16, where the paper's 12 and 18
     * would read only padding with their outer taps (see {@link org.seg4j.model.DilationReach}).
     */
    public static int[] ratesForMapSize(long size) {
        int[] rates = new int[RATES_AT_16.length];
        for (int i = 0; i < rates.length; i++) {
            rates[i] = (int) Math.max(1, Math.round(RATES_AT_16[i] * size / (double) PAPER_MAP_SIZE));
        }
        return rates;
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
