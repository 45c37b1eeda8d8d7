package org.seg4j.model.decoder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.model.Architectures;
import org.seg4j.model.Decoder;
import org.seg4j.model.Encoder;
import org.seg4j.model.ModelOption;
import org.seg4j.model.ModelSpec;
import org.seg4j.model.SegmentationHead;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.encoder.Encoders;

/**
 * Option handling shared by the decoder factories: decoder widths that follow the spec's base
 * width, the {@code output_stride} option of dilated models, integer lists, padding, and the final
 * composition.
 */
public final class DecoderSpecs {

    /** The base width the paper widths refer to (first-stage channels of VGG and ResNet). */
    public static final int REFERENCE_WIDTH = 64;

    private DecoderSpecs() {}

    /** Option {@code output_stride} of a dilated model, declared with its default. */
    public static ModelOption outputStrideOption(int defaultStride) {
        return ModelOption.integer("output_stride", defaultStride,
                "8, 16 or 32: the encoder's deepest stages are dilated instead of strided below 32");
    }

    /** Option {@code decoder_width}, declared with the paper's width (see {@link #width}). */
    public static ModelOption decoderWidthOption(int paperWidth) {
        return ModelOption.integer("decoder_width", "auto: " + paperWidth + " x base_width / 64",
                "decoder channels");
    }

    /** Option {@code dropout}, declared with its default (see {@link #dropout}). */
    public static ModelOption dropoutOption(float defaultRate) {
        return ModelOption.number("dropout", defaultRate, "dropout rate before the classifier, in [0, 1)");
    }

    /** The options of a dilated-encoder model: output stride, decoder width, dropout, then {@code extra} and pad. */
    public static List<ModelOption> dilatedOptions(int defaultStride, int paperWidth, ModelOption... extra) {
        List<ModelOption> options = new java.util.ArrayList<>(List.of(
                outputStrideOption(defaultStride), decoderWidthOption(paperWidth), dropoutOption(0.1f)));
        options.addAll(List.of(extra));
        options.add(Architectures.PAD);
        return List.copyOf(options);
    }

    /**
     * Option {@code decoder_width}, or the paper's width scaled by {@code baseWidth / 64} when the
     * spec sets a base width (at least 8), or the paper's width itself.
     */
    public static int width(ModelSpec spec, int paperWidth) {
        int scaled = spec.baseWidth() > 0 ? Math.max(8, paperWidth * spec.baseWidth() / REFERENCE_WIDTH) : paperWidth;
        int w = spec.intOption("decoder_width", scaled);
        if (w < 1) {
            throw new Seg4jException("model option decoder_width must be at least 1, got " + w);
        }
        return w;
    }

    /**
     * Builds the encoder of a dilated model: option {@code output_stride} (8, 16 or 32; default
     * {@code defaultStride}) is handed to the encoder through the spec. When the option is set
     * explicitly, an encoder that cannot honour it (e.g. the undilated {@code vgg16}, always 32) is
     * a user error; when it is left to the default, such an encoder is used at its own stride.
     */
    public static Encoder dilatedEncoder(ModelSpec spec, String defaultEncoder, int defaultStride) {
        int requested = spec.intOption("output_stride", defaultStride);
        if (requested != 8 && requested != 16 && requested != 32) {
            throw new Seg4jException("model option output_stride must be 8, 16 or 32, got " + requested);
        }
        Map<String, String> options = new HashMap<>(spec.options());
        options.put("output_stride", Integer.toString(requested));
        ModelSpec encoderSpec =
                new ModelSpec(spec.architecture(), spec.encoder(), spec.numClasses(), spec.baseWidth(), options);
        Encoder encoder = Encoders.create(spec.encoderOr(defaultEncoder), encoderSpec);
        if (spec.options().containsKey("output_stride") && encoder.outputStride() != requested) {
            throw new Seg4jException("encoder '" + encoder.name() + "' has output stride " + encoder.outputStride()
                    + " and cannot provide output_stride " + requested + "; use a dilated encoder (e.g. resnet18)");
        }
        return encoder;
    }

    /** A comma-separated list of positive integers, or {@code fallback} when the option is absent. */
    public static int[] intList(ModelSpec spec, String key, int[] fallback) {
        String v = spec.options().get(key);
        if (v == null) {
            return fallback.clone();
        }
        try {
            String[] parts = v.trim().split("\\s*,\\s*");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = Integer.parseInt(parts[i]);
                if (out[i] < 1) {
                    throw new NumberFormatException();
                }
            }
            return out;
        } catch (NumberFormatException e) {
            throw new Seg4jException(
                    "model option " + key + " must be a comma-separated list of positive integers, got '" + v + "'");
        }
    }

    /** Option {@code dropout} (a rate in [0, 1), default {@code fallback}). */
    public static float dropout(ModelSpec spec, float fallback) {
        String v = spec.options().get("dropout");
        float rate;
        try {
            rate = v == null ? fallback : Float.parseFloat(v.trim());
        } catch (NumberFormatException e) {
            throw new Seg4jException("model option dropout must be a number, got '" + v + "'");
        }
        if (!(rate >= 0 && rate < 1)) {
            throw new Seg4jException("model option dropout must be in [0, 1), got " + rate);
        }
        return rate;
    }

    /**
     * Composes encoder, decoder and a head with a 1x1 projection to the classes that undoes the
     * decoder's reduction; option {@code pad} ({@code reflect} or {@code zero}).
     */
    public static SegmentationModel compose(ModelSpec spec, Encoder encoder, Decoder decoder) {
        SegmentationHead head = SegmentationHead.builder()
                .setNumClasses(spec.numClasses())
                .optUpsampling(decoder.outputReduction())
                .build();
        return Architectures.compose(spec, encoder, decoder, head);
    }
}
