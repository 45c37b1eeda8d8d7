package org.seg4j.model;

import java.util.List;
import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.model.layer.ConvGruMemory;
import org.seg4j.model.layer.ScoreFusionMemory;

/**
 * The model options that turn any registered architecture into a temporal one: {@code temporal:
 * convgru} inserts a {@link ConvGruMemory} between the encoder and the decoder, on the deepest
 * feature the decoder reads (DeepLabV3+: the stride-16 features that feed ASPP; Fast-SCNN: the
 * stride-32 global features that feed pyramid pooling); {@code temporal: fusion} puts a {@link
 * ScoreFusionMemory} on the output instead, a learned blend of each frame's class probabilities
 * with the previous frame's. Every architecture accepts them ({@link ModelOptions#declared});
 * {@link Architectures#compose} reads them.
 */
public final class TemporalOptions {

    /** Option key: {@code none} (per-frame model), {@code convgru} or {@code fusion}. */
    public static final String TEMPORAL = "temporal";
    /** Option key: channels of the ConvGRU's hidden state, or of the fusion gate's hidden layer. */
    public static final String CHANNELS = "temporal_channels";
    /** Option key: kernel size of the ConvGRU's convolutions. */
    public static final String KERNEL = "temporal_kernel";

    /**
     * Option key: {@code none} or {@code flow}, whether the memory's state is motion-compensated
     * (warped along the optical flow to the new frame before each update, as in GRFP). Training
     * on clips supplies the flows when it is {@code flow}; inference uses it as the default
     * ({@code auto} runs {@code recurrent-flow}).
     */
    public static final String WARP = "temporal_warp";

    /**
     * Option key: the new frame's weight in the blend of {@code temporal: fusion} before training
     * (a fresh fusion memory is the motion-compensated moving average with this weight).
     */
    public static final String BLEND = "temporal_blend";

    /** The fusion gate's hidden channels when {@value #CHANNELS} is unset. */
    public static final int DEFAULT_FUSION_CHANNELS = 16;
    /** The fusion's initial blend when {@value #BLEND} is unset. */
    public static final double DEFAULT_BLEND = 0.15;

    /** Hidden channels when {@value #CHANNELS} is unset: the features' channels, at most this. */
    public static final int MAX_AUTO_CHANNELS = 128;
    /** Default kernel size. */
    public static final int DEFAULT_KERNEL = 3;

    /** The options, declared for every architecture. */
    public static final List<ModelOption> OPTIONS = List.of(
            ModelOption.choice(TEMPORAL, "none", "temporal memory of video models: convgru between encoder and "
                    + "decoder, fusion on the output probabilities", "none", "convgru", "fusion"),
            ModelOption.integer(CHANNELS, "auto: convgru the deepest feature's channels, at most " + MAX_AUTO_CHANNELS
                    + "; fusion " + DEFAULT_FUSION_CHANNELS, "hidden channels of the ConvGRU or of the fusion's gate"),
            ModelOption.integer(KERNEL, DEFAULT_KERNEL, "ConvGRU kernel size, odd (with temporal: convgru)"),
            ModelOption.choice(WARP, "none", "warp the memory's state along the optical flow before each update "
                    + "(with temporal: convgru or fusion)", "none", "flow"),
            ModelOption.number(BLEND, DEFAULT_BLEND, "the new frame's weight in the fusion before training, in (0, 1) "
                    + "(with temporal: fusion)"));

    private TemporalOptions() {}

    /** Whether {@code spec} describes a temporal (recurrent) model. */
    public static boolean isTemporal(ModelSpec spec) {
        return !kind(spec).equals("none");
    }

    /**
     * The memory {@code spec} asks for: {@code none}, {@code convgru} or {@code fusion}.
     *
     * @throws Seg4jException for another value
     */
    public static String kind(ModelSpec spec) {
        String v = spec.option(TEMPORAL, "none").trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "none", "convgru", "fusion" -> v;
            default -> throw new Seg4jException("model option temporal must be none, convgru or fusion, got '" + v + "'");
        };
    }

    /** Whether {@code spec}'s memory is a {@link ScoreFusionMemory} on the output. */
    public static boolean isFusion(ModelSpec spec) {
        return kind(spec).equals("fusion");
    }

    /**
     * The fusion's initial blend as {@code spec} sets it ({@value #BLEND}, default {@value
     * #DEFAULT_BLEND}).
     *
     * @throws Seg4jException when it is not a number strictly between 0 and 1
     */
    public static float blend(ModelSpec spec) {
        String v = spec.option(BLEND, Double.toString(DEFAULT_BLEND)).trim();
        double blend;
        try {
            blend = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new Seg4jException("model option " + BLEND + " must be a number in (0, 1), got '" + v + "'");
        }
        if (!(blend > 0 && blend < 1)) {
            throw new Seg4jException("model option " + BLEND + " must lie strictly between 0 and 1, got " + v);
        }
        return (float) blend;
    }

    /**
     * Whether {@code spec}'s memory is motion-compensated ({@value #WARP}: flow).
     *
     * @throws Seg4jException for another value, or flow on a per-frame model
     */
    public static boolean warpsWithFlow(ModelSpec spec) {
        String v = spec.option(WARP, "none").trim().toLowerCase(Locale.ROOT);
        boolean flow = switch (v) {
            case "none" -> false;
            case "flow" -> true;
            default -> throw new Seg4jException("model option " + WARP + " must be none or flow, got '" + v + "'");
        };
        if (flow && !isTemporal(spec)) {
            throw new Seg4jException("model option " + WARP + ": flow needs a temporal model (temporal: convgru or "
                + "fusion, seg4j train --task video)");
        }
        return flow;
    }

    /** The ConvGRU's hidden channels as {@code spec} sets them; 0 for automatic. */
    static int channels(ModelSpec spec) {
        int hidden = spec.intOption(CHANNELS, 0);
        if (hidden < 0) {
            throw new Seg4jException("model option " + CHANNELS + " must be positive, got " + hidden);
        }
        return hidden;
    }

    /** The ConvGRU's kernel size as {@code spec} sets it. */
    static int kernel(ModelSpec spec) {
        int kernel = spec.intOption(KERNEL, DEFAULT_KERNEL);
        if (kernel < 1 || kernel % 2 == 0) {
            throw new Seg4jException("model option " + KERNEL + " must be odd and positive, got " + kernel);
        }
        return kernel;
    }

    /** {@code spec} with the temporal options added: the per-frame network with a ConvGRU memory. */
    public static ModelSpec withMemory(ModelSpec spec, int channels) {
        java.util.Map<String, String> options = new java.util.TreeMap<>(spec.options());
        options.put(TEMPORAL, "convgru");
        if (channels > 0) {
            options.put(CHANNELS, Integer.toString(channels));
        }
        return new ModelSpec(spec.architecture(), spec.encoder(), spec.numClasses(), spec.baseWidth(), options);
    }

    /** {@code spec} without the temporal options: the per-frame network inside it. */
    public static ModelSpec perFrame(ModelSpec spec) {
        java.util.Map<String, String> options = new java.util.TreeMap<>(spec.options());
        options.keySet().removeAll(List.of(TEMPORAL, CHANNELS, KERNEL, WARP, BLEND));
        return new ModelSpec(spec.architecture(), spec.encoder(), spec.numClasses(), spec.baseWidth(), options);
    }
}
