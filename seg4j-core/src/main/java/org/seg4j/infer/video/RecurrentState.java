package org.seg4j.infer.video;

import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.RgbImage;
import org.seg4j.infer.Predictor;
import org.seg4j.infer.Probabilities;
import org.seg4j.metric.video.FlowEstimator;

/**
 * The hidden state of a temporal network (a model with {@code temporal: convgru}): each frame runs
 * the network with the state the previous frame left, so the prediction uses what came before.
 * Frames go through the predictor's own preprocessing (input scale, normalisation) as one whole
 * image: tiling, flipping, multi-scale and CRF are turned off, since each would run the network
 * several times per frame and advance the state more than once.
 *
 * <p>With a {@link FlowEstimator} the state is motion-compensated (GRFP): before each update it is
 * warped onto the new frame along the optical flow from the new frame to the previous one
 * (bilinear, the flow resized and rescaled to the memory's resolution, {@link
 * org.seg4j.metric.video.FlowWarp#bilinear}), so the memory of a scene point follows it as the
 * camera moves.
 */
public final class RecurrentState implements TemporalState {

    private final RecurrentForward pass;
    private final Predictor frames;
    private final FlowEstimator flow;
    private RgbImage previous;

    /**
     * @param predictor a predictor over a temporal seg4j network
     * @throws Seg4jException when the model has no temporal memory
     */
    public RecurrentState(Predictor predictor) {
        this(predictor, null);
    }

    /**
     * @param predictor a predictor over a temporal seg4j network
     * @param flow the optical flow that motion-compensates the state, or {@code null} for none
     * @throws Seg4jException when the model has no temporal memory
     */
    public RecurrentState(Predictor predictor, FlowEstimator flow) {
        this.flow = flow;
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
        if (flow != null && previous != null && pass.hasState() && previous.width() == frame.width()
                && previous.height() == frame.height()) {
            pass.setFlow(flow.estimate(frame, previous));
        }
        Probabilities p = frames.predictProbabilities(frame);
        previous = flow == null ? null : frame;
        return p;
    }

    @Override
    public void reset() {
        previous = null;
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
