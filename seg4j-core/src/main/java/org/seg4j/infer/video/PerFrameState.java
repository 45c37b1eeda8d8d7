package org.seg4j.infer.video;

import java.util.Objects;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.Probabilities;

/** No memory: every frame is segmented on its own ({@link Predictor#predictProbabilities}). */
public final class PerFrameState implements TemporalState {

    private final Predictor predictor;

    public PerFrameState(Predictor predictor) {
        this.predictor = Objects.requireNonNull(predictor, "predictor");
    }

    @Override
    public Probabilities next(RgbImage frame) {
        return predictor.predictProbabilities(frame);
    }

    @Override
    public void reset() {}
}
