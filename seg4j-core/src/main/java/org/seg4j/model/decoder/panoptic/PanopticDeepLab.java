package org.seg4j.model.decoder.panoptic;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.decoder.DecoderSpecs;
import org.seg4j.model.decoder.deeplab.DeepLabV3;
import org.seg4j.model.decoder.deeplab.DeepLabV3Plus;
import org.seg4j.model.decoder.deeplab.DeepLabV3PlusDecoder;

/**
 * The registry factory of {@code panoptic-deeplab}: a dilated encoder, a DeepLabV3+ semantic branch
 * ({@link DeepLabV3PlusDecoder} + 1x1 classifier) and an instance branch (its own, narrower
 * DeepLabV3+ decoder with a centre head and an offset head), see {@link PanopticDeepLabNet}.
 *
 * <p>Options: as {@code deeplabv3plus} ({@code output_stride}, {@code atrous_rates}, {@code
 * decoder_width} for the semantic branch, {@code low_level_width}, {@code dropout}, {@code pad}),
 * plus {@code instance_width} (the instance branch's channels; default 128, the paper's, scaled by
 * base width / 64), {@code instance_low_level_width} (default 32, scaled likewise) and {@code
 * head_width} (channels of the centre and offset heads' hidden layer; default 32, scaled likewise).
 *
 * <p>Deviation from the paper: each decoder reads one low-level feature (stride 4, as DeepLabV3+)
 * instead of two (strides 8 and 4), so the DeepLabV3+ decoder is reused as it is.
 */
public final class PanopticDeepLab {

    /** Registry name. */
    public static final String NAME = "panoptic-deeplab";

    /** The options {@link #create} reads (besides the encoder's). */
    public static final List<ModelOption> OPTIONS = options();

    private PanopticDeepLab() {}

    private static List<ModelOption> options() {
        List<ModelOption> o = new ArrayList<>(DeepLabV3Plus.OPTIONS);
        o.add(ModelOption.integer("instance_width", "auto: 128 x base_width / 64", "instance branch channels"));
        o.add(ModelOption.integer("instance_low_level_width", "auto: 32 x base_width / 64",
                "instance branch: channels of the stride-4 skip"));
        o.add(ModelOption.integer("head_width", "auto: 32 x base_width / 64",
                "hidden channels of the centre and offset heads"));
        return List.copyOf(o);
    }

    /** Builds the network described by {@code spec}. */
    public static PanopticDeepLabNet create(ModelSpec spec) {
        Encoder encoder = DecoderSpecs.dilatedEncoder(spec, DeepLabV3.DEFAULT_ENCODER, 16);
        int[] rates = DeepLabV3.rates(spec, encoder);
        float dropout = DecoderSpecs.dropout(spec, 0.1f);
        DeepLabV3PlusDecoder semantic = DeepLabV3PlusDecoder.builder()
                .setEncoder(encoder)
                .optWidth(DecoderSpecs.width(spec, 256))
                .optLowLevelWidth(spec.intOption("low_level_width", scaled(spec, 48)))
                .optRates(rates)
                .optDropout(dropout)
                .build();
        DeepLabV3PlusDecoder instance = DeepLabV3PlusDecoder.builder()
                .setEncoder(encoder)
                .optWidth(spec.intOption("instance_width", scaled(spec, 128)))
                .optLowLevelWidth(spec.intOption("instance_low_level_width", scaled(spec, 32)))
                .optRates(rates)
                .optDropout(dropout)
                .build();
        return PanopticDeepLabNet.builder()
                .setEncoder(encoder)
                .setSemanticDecoder(semantic)
                .setInstanceDecoder(instance)
                .setNumClasses(spec.numClasses())
                .optHeadWidth(spec.intOption("head_width", scaled(spec, 32)))
                .optPadMode(org.seg4j.model.Architectures.padMode(spec.option("pad", "reflect")))
                .build();
    }

    /** The paper's width scaled by base width / 64 (at least 8), or the paper's width. */
    private static int scaled(ModelSpec spec, int paper) {
        return spec.baseWidth() > 0 ? Math.max(8, paper * spec.baseWidth() / DecoderSpecs.REFERENCE_WIDTH) : paper;
    }
}
