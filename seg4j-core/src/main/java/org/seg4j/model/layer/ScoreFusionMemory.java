package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import org.seg4j.metric.video.FlowWarp;

/**
 * A temporal memory on a network's output: a learned, motion-compensated blend of the current
 * frame's class probabilities with the blended probabilities of the frame before, in the spirit of
 * NetWarp (Gadde et al. 2017) and Accel (Jain et al. 2019), which fuse warped past scores with the
 * current ones.
 *
 * <p>For frame {@code t}, with {@code q = softmax(z_t)} and {@code m} the previous state warped
 * onto the new frame ({@link FlowWarp#bilinear}; unwarped without a flow):
 *
 * <pre>
 *   a   = sigmoid(gate([q, m]))          per pixel; gate = 1x1 conv, ReLU, 1x1 conv
 *   v   = sum_c m_c                      1 where the warp's source is inside the previous frame
 *   p_t = (1 - (1 - a) v) q + (1 - a) m  a probability distribution again
 * </pre>
 *
 * <p>Pixels that come into view ({@code v = 0}) take the current frame's probabilities, as the
 * motion-compensated moving average of inference ({@code ema-flow}) does; a clip's first frame is
 * {@code p = q}. The gate's last convolution starts at zero weights and the bias {@code
 * logit(blend)}, so a fresh memory is that moving average with weight {@code blend} on the new
 * frame, and training makes the weight depend on what the two frames say at each pixel.
 *
 * <p>Forward inputs: {@code [z]} or {@code [z, p0]}, {@code z} the logits of {@code N = clips * T}
 * frames in clip-major order with {@code T} the forward parameter {@value ConvGruMemory#CLIP_LENGTH},
 * and {@code p0} ({@code clips x C x H x W}) the state before the first frame. The optional forward
 * parameter {@value ConvGruMemory#FLOW} gives one flow per frame, as for {@link ConvGruMemory}.
 * Returns {@code [log p, pT]}: log-probabilities of every frame, whose softmax is {@code p} (so
 * losses and predictors read them as logits), and the state after each clip's last frame.
 */
public final class ScoreFusionMemory extends AbstractBlock {

    /** Added to the probabilities before the logarithm, so that a zero stays finite. */
    static final float LOG_FLOOR = 1e-6f;

    private static final byte VERSION = 1;

    private final int numClasses;
    private final int hiddenChannels;
    private final Conv2d hidden;
    private final Conv2d gate;

    /**
     * @param numClasses channels of the logits (in and out) and of the state
     * @param hiddenChannels channels of the gate's hidden layer
     * @param blend the new frame's weight before training, in (0, 1)
     */
    public ScoreFusionMemory(int numClasses, int hiddenChannels, float blend) {
        super(VERSION);
        if (numClasses < 1 || hiddenChannels < 1) {
            throw new IllegalArgumentException("classes and hidden channels must be positive, got " + numClasses
                    + " and " + hiddenChannels);
        }
        if (!(blend > 0f && blend < 1f)) {
            throw new IllegalArgumentException("the initial blend must lie strictly between 0 and 1, got " + blend);
        }
        this.numClasses = numClasses;
        this.hiddenChannels = hiddenChannels;
        this.hidden = addChildBlock("hidden", conv(hiddenChannels));
        this.gate = addChildBlock("gate", conv(1));
        gate.setInitializer(new ConstantInitializer(0f), p -> p.getType() == Parameter.Type.WEIGHT);
        gate.setInitializer(new ConstantInitializer((float) Math.log(blend / (1.0 - blend))),
                p -> p.getType() == Parameter.Type.BIAS);
    }

    private static Conv2d conv(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build();
    }

    /** Classes of the logits it blends. */
    public int numClasses() {
        return numClasses;
    }

    /** Channels of the gate's hidden layer. */
    public int hiddenChannels() {
        return hiddenChannels;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray z = inputs.get(0);
        Shape s = z.getShape();
        int t = ConvGruMemory.clipLength(params, s.get(0));
        long clips = s.get(0) / t;
        NDArray state = inputs.size() > 1 ? inputs.get(1) : null;
        NDArray flows = ConvGruMemory.flowsAt(params, s);
        NDArray q = z.softmax(1).reshape(clips, t, s.get(1), s.get(2), s.get(3));
        NDArray clipFlows = flows == null ? null : flows.reshape(clips, t, 2, s.get(2), s.get(3));
        NDList all = new NDList(t);
        for (int i = 0; i < t; i++) {
            NDArray qi = q.get(new NDIndex(":, {}", i));
            if (state == null) {
                state = qi;
            } else {
                NDArray m = clipFlows == null ? state : FlowWarp.bilinear(state, clipFlows.get(new NDIndex(":, {}", i)));
                state = blend(ps, qi, m, training, params);
            }
            all.add(state);
        }
        NDArray p = NDArrays.stack(all, 1).reshape(s);
        return new NDList(p.add(LOG_FLOOR).log(), state);
    }

    /** One step: {@code q} the new frame's probabilities, {@code m} the warped state. */
    private NDArray blend(ParameterStore ps, NDArray q, NDArray m, boolean training, PairList<String, Object> params) {
        NDArray features = hidden.forward(ps, new NDList(q.concat(m, 1)), training, params).head();
        NDArray a = Activation.sigmoid(gate.forward(ps, new NDList(Activation.relu(features)), training, params).head());
        NDArray keep = a.neg().add(1f); // (1 - a), the previous frame's weight
        NDArray inside = m.sum(new int[] {1}, true);
        return q.mul(keep.mul(inside).neg().add(1f)).add(m.mul(keep));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape z = inputShapes[0];
        return new Shape[] {z, z};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape z = inputShapes[0];
        Shape joint = new Shape(z.get(0), 2L * numClasses, z.get(2), z.get(3));
        hidden.initialize(manager, dataType, joint);
        gate.initialize(manager, dataType, hidden.getOutputShapes(new Shape[] {joint}));
    }
}
