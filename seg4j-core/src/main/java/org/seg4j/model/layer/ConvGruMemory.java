package org.seg4j.model.layer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;
import org.seg4j.metric.video.FlowWarp;

/**
 * A temporal memory over a feature map: a {@link ConvGruCell} run frame by frame, whose hidden
 * state is added back to the features through a 1x1 convolution, {@code y_t = x_t + proj(h_t)}.
 *
 * <p>The projection starts at zero, so a freshly built memory passes the features through
 * unchanged: inserted into a trained per-frame network it reproduces that network exactly, and
 * training moves it away from the identity only as far as the clips ask for.
 *
 * <p>Forward inputs: {@code [x]} or {@code [x, h0]}, with {@code x} holding {@code N = clips * T}
 * frames in clip-major order (the {@code T} frames of clip 0, then those of clip 1, ...) and {@code
 * T} passed as the forward parameter {@value #CLIP_LENGTH} (absent: 1, every frame its own clip).
 * {@code h0} ({@code clips x hidden x H x W}) is the state before the first frame; absent, it is
 * zero. Returns {@code [y, hT]}: the features of every frame and the state after each clip's last
 * frame. Gradients flow back through all {@code T} steps (back-propagation through time truncated
 * at the clip).
 */
public final class ConvGruMemory extends AbstractBlock {

    /**
     * Forward parameter: optical flows that motion-compensate the state (GRFP, Nilsson and
     * Sminchisescu 2018), an {@code N x 2 x H' x W'} array with one flow per frame of the batch:
     * frame {@code i}'s flow goes from frame {@code i} to the frame before it (to the frame {@code
     * h0} belongs to, for a clip's first frame), in pixels of its own resolution, which may differ
     * from the features' (it is resized and rescaled, {@link FlowWarp#resize}). Before each update
     * the previous state is warped onto the new frame ({@link FlowWarp#bilinear}); absent, the state
     * stays where it was (no motion compensation).
     */
    public static final String FLOW = "flow";

    /** Forward parameter: frames per clip in the batch. */
    public static final String CLIP_LENGTH = "clip_length";

    private static final byte VERSION = 1;

    private final ConvGruCell cell;
    private final Conv2d projection;
    private final int channels;

    /**
     * @param channels channels of the features (in and out)
     * @param hidden channels of the hidden state
     * @param kernel odd kernel size of the cell's convolutions
     */
    public ConvGruMemory(int channels, int hidden, int kernel) {
        super(VERSION);
        if (channels < 1) {
            throw new IllegalArgumentException("feature channels must be positive, got " + channels);
        }
        this.channels = channels;
        this.cell = addChildBlock("cell", new ConvGruCell(hidden, kernel));
        this.projection = addChildBlock("projection", Conv2d.builder()
                .setKernelShape(new Shape(1, 1))
                .setFilters(channels)
                .build());
        projection.setInitializer(new ConstantInitializer(0f), p -> true);
    }

    /** Channels of the hidden state. */
    public int hiddenChannels() {
        return cell.hiddenChannels();
    }

    /** Channels of the features it reads and writes. */
    public int channels() {
        return channels;
    }

    /** The clip length in {@code params}, 1 when absent; checked against the batch size. */
    public static int clipLength(PairList<String, Object> params, long frames) {
        Object v = params == null ? null : params.get(CLIP_LENGTH);
        int t = v == null ? 1 : ((Number) v).intValue();
        if (t < 1 || frames % t != 0) {
            throw new IllegalArgumentException("a batch of " + frames + " frames does not hold whole clips of " + t);
        }
        return t;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        Shape s = x.getShape();
        int t = clipLength(params, s.get(0));
        long clips = s.get(0) / t;
        boolean given = inputs.size() > 1;
        NDArray h = given ? inputs.get(1)
                : x.getManager().zeros(new Shape(clips, cell.hiddenChannels(), s.get(2), s.get(3)), x.getDataType());
        NDArray flows = flowsAt(params, s);
        NDArray states;
        if (t == 1) {
            if (flows != null && given) {
                h = FlowWarp.bilinear(h, flows);
            }
            h = step(ps, x, h, training, params);
            states = h;
        } else {
            NDArray frames = x.reshape(clips, t, s.get(1), s.get(2), s.get(3));
            NDArray clipFlows = flows == null ? null : flows.reshape(clips, t, 2, s.get(2), s.get(3));
            NDList all = new NDList(t);
            for (int i = 0; i < t; i++) {
                if (clipFlows != null && (i > 0 || given)) {
                    h = FlowWarp.bilinear(h, clipFlows.get(new NDIndex(":, {}", i)));
                }
                h = step(ps, frames.get(new NDIndex(":, {}", i)), h, training, params);
                all.add(h);
            }
            states = NDArrays.stack(all, 1).reshape(clips * t, cell.hiddenChannels(), s.get(2), s.get(3));
        }
        NDArray y = x.add(projection.forward(ps, new NDList(states), training, params).head());
        return new NDList(y, h);
    }

    /**
     * The {@value #FLOW} parameter resized to {@code features}' resolution, or {@code null}; shared
     * by the memories of this package.
     */
    static NDArray flowsAt(PairList<String, Object> params, Shape features) {
        Object v = params == null ? null : params.get(FLOW);
        if (v == null) {
            return null;
        }
        if (!(v instanceof NDArray flow)) {
            throw new IllegalArgumentException("forward parameter " + FLOW + " must be an NDArray, got "
                    + v.getClass().getName());
        }
        if (flow.getShape().dimension() != 4 || flow.getShape().get(0) != features.get(0)) {
            throw new IllegalArgumentException("forward parameter " + FLOW + " must hold one N x 2 x H x W flow per "
                    + "frame (" + features.get(0) + "), got " + flow.getShape());
        }
        return FlowWarp.resize(flow, features.get(2), features.get(3));
    }

    private NDArray step(ParameterStore ps, NDArray x, NDArray h, boolean training, PairList<String, Object> params) {
        return cell.forward(ps, new NDList(x, h), training, params).head();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape x = inputShapes[0];
        return new Shape[] {x, new Shape(x.get(0), cell.hiddenChannels(), x.get(2), x.get(3))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        Shape h = new Shape(x.get(0), cell.hiddenChannels(), x.get(2), x.get(3));
        cell.initialize(manager, dataType, x, h);
        projection.initialize(manager, dataType, h);
    }
}
