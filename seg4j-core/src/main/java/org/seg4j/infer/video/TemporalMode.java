package org.seg4j.infer.video;

import java.util.Locale;
import org.seg4j.Seg4jException;
import org.seg4j.infer.Predictor;

/**
 * A kind of {@link TemporalState} and its settings; opens a fresh state per video. Parsed from
 * {@code none}, {@code ema} or {@code ema:ALPHA} ({@link #parse}).
 */
public interface TemporalMode {

    /** Default weight of the newest frame in {@link #ema(double)}. */
    double DEFAULT_EMA_ALPHA = 0.5;

    /** A fresh state for one video, running {@code predictor} on every frame. */
    TemporalState open(Predictor predictor);

    /** The mode in the syntax {@link #parse} reads, e.g. {@code ema:0.5}. */
    String describe();

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
     * Reads {@code none}, {@code ema} (alpha {@value #DEFAULT_EMA_ALPHA}) or {@code ema:ALPHA}.
     *
     * @throws Seg4jException naming the option value and the valid forms
     */
    static TemporalMode parse(String spec) {
        String s = spec == null ? "" : spec.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return none();
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
        throw new Seg4jException("unknown temporal smoothing '" + spec + "'; valid: none, ema, ema:ALPHA (0 < ALPHA <= 1)");
    }
}
