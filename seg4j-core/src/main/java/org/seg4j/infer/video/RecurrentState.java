package org.seg4j.infer.video;

import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.Probabilities;

/**
 * The hidden state of a temporal network (a model with {@code temporal: convgru}): each frame runs
 * the network with the state the previous frame left, so the prediction uses what came before.
 * Frames go through the predictor's own preprocessing (input scale, normalisation) as one whole
 * image: tiling, flipping, multi-scale and CRF are turned off, since each would run the network
 * several times per frame and advance the state more than once.
 */
public final class RecurrentState implements TemporalState {

    private final RecurrentForward pass;
    private final Predictor frames;

    /**
     * @param predictor a predictor over a temporal seg4j network
     * @throws Seg4jException when the model has no temporal memory
     */
    public RecurrentState(Predictor predictor) {
        if (!TemporalMode.isTemporal(predictor)) {
            throw new Seg4jException("temporal mode 'recurrent' needs a temporal model (trained with seg4j train "
                    + "--task video, model option temporal: convgru); this model ("
                    + predictor.manifest().model().architecture() + ") segments frame by frame: use none or ema");
        }
        this.pass = new RecurrentForward(predictor.network(), predictor.classes().numClasses());
        try {
            this.frames = Predictor.of(pass, predictor.manifest(), predictor.options()
                    .withMaxWholePixels(Long.MAX_VALUE).withFlip(false).withScaleFactors(List.of(1.0)).withCrf(null));
        } catch (RuntimeException e) {
            pass.close();
            throw e;
        }
    }

    @Override
    public Probabilities next(RgbImage frame) {
        return frames.predictProbabilities(frame);
    }

    @Override
    public void reset() {
        pass.reset();
    }

    @Override
    public void close() {
        try {
            frames.close();
        } finally {
            pass.close();
        }
    }
}
