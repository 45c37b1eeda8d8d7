package org.seg4j.infer.video;

import java.util.Objects;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.Probabilities;
import org.seg4j.metric.video.FlowEstimator;
import org.seg4j.metric.video.FlowWarp;

/**
 * Exponential moving average of the per-frame probabilities: {@code p_t = alpha * q_t + (1 - alpha)
 * * p_(t-1)}, {@code p_0 = q_0}. It damps class changes that last a frame or two (flicker) at the cost
 * of lagging behind moving objects by about {@code 1/alpha - 1} frames. The average is held at the
 * frame's resolution ({@code 4 * classes * H * W} bytes); a frame of another size starts a new
 * average.
 *
 * <p>With a {@link FlowEstimator} the average is motion-compensated: before each blend it is warped
 * onto the new frame along the optical flow from the new frame to the previous one (nearest pixel, as
 * the TC metric warps labels), so a moving object's history follows it instead of smearing behind
 * it; pixels that come into view start from the new frame's own probabilities.
 */
public final class EmaState implements TemporalState {

    private final Predictor predictor;
    private final float alpha;
    private final FlowEstimator flow;
    private RgbImage previous;
    private float[] average;
    private int width;
    private int height;

    /**
     * @param predictor the per-frame model
     * @param alpha weight of the newest frame, in (0, 1]
     */
    public EmaState(Predictor predictor, double alpha) {
        this(predictor, alpha, null);
    }

    /**
     * @param predictor the per-frame model
     * @param alpha weight of the newest frame, in (0, 1]
     * @param flow optical flow for motion compensation, or {@code null} for a plain average
     */
    public EmaState(Predictor predictor, double alpha, FlowEstimator flow) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
        checkAlpha(alpha);
        this.alpha = (float) alpha;
        this.flow = flow;
    }

    static void checkAlpha(double alpha) {
        if (!(alpha > 0 && alpha <= 1)) {
            throw new Seg4jException("EMA alpha (weight of the newest frame) must be in (0, 1], got " + alpha);
        }
    }

    @Override
    public Probabilities next(RgbImage frame) {
        Probabilities q = predictor.predictProbabilities(frame);
        if (flow != null) {
            if (average != null && previous != null && sameSize(previous, frame) && q.width() == width
                    && q.height() == height && q.width() == frame.width() && q.height() == frame.height()) {
                average = FlowWarp.backward(average, q.numClasses(), flow.estimate(frame, previous), q.data());
            }
            previous = frame;
        }
        return blend(q);
    }

    private static boolean sameSize(RgbImage a, RgbImage b) {
        return a.width() == b.width() && a.height() == b.height();
    }

    /** Folds one frame's probabilities into the average and returns a copy of the new average. */
    Probabilities blend(Probabilities q) {
        float[] d = q.data();
        if (average == null || average.length != d.length || q.width() != width || q.height() != height) {
            average = d.clone();
            width = q.width();
            height = q.height();
        } else {
            float keep = 1 - alpha;
            for (int i = 0; i < d.length; i++) {
                average[i] = alpha * d[i] + keep * average[i];
            }
        }
        return new Probabilities(q.numClasses(), width, height, average.clone());
    }

    @Override
    public void reset() {
        average = null;
        previous = null;
    }
}
