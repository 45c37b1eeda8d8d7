package org.seg4j.infer.video;

import java.util.Locale;
import java.util.function.Supplier;
import org.seg4j.Seg4jException;
import org.seg4j.infer.Predictor;
import org.seg4j.metric.video.FlowEstimator;
import org.seg4j.model.SegmentationModel;
import org.seg4j.model.TemporalOptions;

/**
 * A kind of {@link TemporalState} and its settings; opens a fresh state per video. Parsed from
 * {@code auto}, {@code none}, {@code ema}, {@code ema:ALPHA}, {@code ema-flow}, {@code ema-flow:ALPHA}
 * {@code recurrent} or {@code recurrent-flow} ({@link #parse}).
 */
public interface TemporalMode {

    /** Default weight of the newest frame in {@link #ema(double)}. */
    double DEFAULT_EMA_ALPHA = 0.5;

    /** A fresh state for one video, running {@code predictor} on every frame. */
    TemporalState open(Predictor predictor);

    /** The mode in the syntax {@link #parse} reads, e.g. {@code ema:0.5}. */
    String describe();

    /** The mode that runs for {@code predictor}'s model; itself except for {@link #auto()}. */
    default TemporalMode resolve(Predictor predictor) {
        return this;
    }

    /**
     * The model's own memory: {@link #recurrent()} for a temporal model (model option {@code
     * temporal: convgru}), {@link #none()} for a per-frame one. A model trained with a
     * motion-compensated memory ({@code temporal_warp: flow}) is an error here, since it needs a
     * flow: use {@link #auto(Supplier)}.
     */
    static TemporalMode auto() {
        return auto(() -> {
            throw new Seg4jException(missingFlow("auto (a model trained with temporal_warp: flow)"));
        });
    }

    /**
     * The model's own memory: {@link #recurrentFlow} with {@code flow} for a model trained with a
     * motion-compensated memory ({@code temporal_warp: flow}), {@link #recurrent()} for another
     * temporal model, {@link #none()} for a per-frame one. {@code flow} is asked for only in the
     * first case.
     */
    static TemporalMode auto(Supplier<FlowEstimator> flow) {
        return new TemporalMode() {
            @Override
            public TemporalState open(Predictor predictor) {
                return resolve(predictor).open(predictor);
            }

            @Override
            public TemporalMode resolve(Predictor predictor) {
                if (!isTemporal(predictor)) {
                    return none();
                }
                return TemporalOptions.warpsWithFlow(predictor.manifest().model()) ? recurrentFlow(flow.get())
                        : recurrent();
            }

            @Override
            public String describe() {
                return "auto";
            }
        };
    }

    /** Whether {@code predictor} runs a temporal seg4j network. */
    static boolean isTemporal(Predictor predictor) {
        return predictor.network() instanceof SegmentationModel m && m.isTemporal();
    }

    /**
     * The hidden state of a temporal network, handed from frame to frame ({@link RecurrentState});
     * a per-frame model is an error.
     */
    static TemporalMode recurrent() {
        return new TemporalMode() {
            @Override
            public TemporalState open(Predictor predictor) {
                return new RecurrentState(predictor);
            }

            @Override
            public String describe() {
                return "recurrent";
            }
        };
    }

    /**
     * The hidden state of a temporal network, motion-compensated (GRFP): warped along the optical
     * flow from each new frame to the previous one before the update ({@link RecurrentState}). Best
     * with a model trained that way ({@code temporal_warp: flow}); a per-frame model is an error.
     *
     * @param flow the optical flow, e.g. seg4j-opencv's {@code FarnebackFlow.defaults()}
     */
    static TemporalMode recurrentFlow(FlowEstimator flow) {
        java.util.Objects.requireNonNull(flow, "flow");
        return new TemporalMode() {
            @Override
            public TemporalState open(Predictor predictor) {
                return new RecurrentState(predictor, flow);
            }

            @Override
            public String describe() {
                return "recurrent-flow";
            }
        };
    }

    /** The message for a mode that needs an optical flow when none was given. */
    private static String missingFlow(String spec) {
        return "temporal smoothing '" + spec + "' needs an optical flow: add seg4j-opencv (org.seg4j.opencv."
                + "FarnebackFlow) to the class path and pass FarnebackFlow::defaults to TemporalMode.parse (the CLI does)";
    }

    /** Frame by frame, no memory. */
    static TemporalMode none() {
        return new TemporalMode() {
            @Override
            public TemporalState open(Predictor predictor) {
                return new PerFrameState(predictor);
            }

            @Override
            public String describe() {
                return "none";
            }
        };
    }

    /**
     * Exponential moving average of the probabilities: {@code p_t = alpha * q_t + (1 - alpha) * p_(t-1)}
     * with {@code q_t} the frame's own prediction.
     *
     * @param alpha weight of the newest frame, in (0, 1]; 1 is frame by frame
     */
    static TemporalMode ema(double alpha) {
        EmaState.checkAlpha(alpha);
        return new TemporalMode() {
            @Override
            public TemporalState open(Predictor predictor) {
                return new EmaState(predictor, alpha);
            }

            @Override
            public String describe() {
                return "ema:" + alpha;
            }
        };
    }

    /**
     * The moving average of {@link #ema(double)}, motion-compensated: the average is warped along the
     * optical flow onto each new frame before the blend ({@link EmaState}).
     *
     * @param alpha weight of the newest frame, in (0, 1]
     * @param flow the optical flow, e.g. seg4j-opencv's {@code FarnebackFlow.defaults()}
     */
    static TemporalMode emaFlow(double alpha, FlowEstimator flow) {
        EmaState.checkAlpha(alpha);
        java.util.Objects.requireNonNull(flow, "flow");
        return new TemporalMode() {
            @Override
            public TemporalState open(Predictor predictor) {
                return new EmaState(predictor, alpha, flow);
            }

            @Override
            public String describe() {
                return "ema-flow:" + alpha;
            }
        };
    }

    /**
     * {@link #parse(String, Supplier)} without an optical flow: {@code ema-flow} is then an error.
     *
     * @throws Seg4jException naming the option value and the valid forms
     */
    static TemporalMode parse(String spec) {
        boolean auto = spec != null && spec.trim().equalsIgnoreCase("auto");
        return parse(spec, () -> {
            throw new Seg4jException(missingFlow(auto ? "auto (a model trained with temporal_warp: flow)" : spec));
        });
    }

    /**
     * Reads {@code auto}, {@code none}, {@code ema} (alpha {@value #DEFAULT_EMA_ALPHA}), {@code
     * ema:ALPHA}, {@code ema-flow}, {@code ema-flow:ALPHA} (motion-compensated, with the flow from
     * {@code flow}, asked for only by the modes that warp), {@code recurrent} or {@code
     * recurrent-flow}; {@code auto} asks for the flow only for a model trained with {@code
     * temporal_warp: flow}.
     *
     * @throws Seg4jException naming the option value and the valid forms
     */
    static TemporalMode parse(String spec, Supplier<FlowEstimator> flow) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("ema-flow") || s.startsWith("ema-flow:")) {
            double alpha = DEFAULT_EMA_ALPHA;
            if (s.startsWith("ema-flow:")) {
                try {
                    alpha = Double.parseDouble(s.substring(9));
                } catch (NumberFormatException e) {
                    throw new Seg4jException("temporal smoothing '" + spec + "': alpha is not a number");
                }
            }
            EmaState.checkAlpha(alpha);
            return emaFlow(alpha, flow.get());
        }
        if (s.equals("none")) {
            return none();
        }
        if (s.equals("auto")) {
            return auto(flow);
        }
        if (s.equals("recurrent")) {
            return recurrent();
        }
        if (s.equals("recurrent-flow")) {
            return recurrentFlow(flow.get());
        }
        if (s.equals("ema")) {
            return ema(DEFAULT_EMA_ALPHA);
        }
        if (s.startsWith("ema:")) {
            try {
                return ema(Double.parseDouble(s.substring(4)));
            } catch (NumberFormatException e) {
                throw new Seg4jException("temporal smoothing '" + spec + "': alpha is not a number");
            }
        }
        throw new Seg4jException("unknown temporal smoothing '" + spec + "'; valid: auto, none, ema, ema:ALPHA, "
                + "ema-flow, ema-flow:ALPHA (0 < ALPHA <= 1), recurrent, recurrent-flow");
    }
}
