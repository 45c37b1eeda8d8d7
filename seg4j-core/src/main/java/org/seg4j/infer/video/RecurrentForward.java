package org.seg4j.infer.video;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.Objects;
import org.seg4j.infer.ForwardPass;
import org.seg4j.infer.Images;
import org.seg4j.metric.video.FlowField;
import org.seg4j.metric.video.FlowWarp;
import org.seg4j.model.layer.ConvGruMemory;
import org.seg4j.util.GradientsOff;

/**
 * The forward pass of a temporal network over one video, one frame per call: it hands the
 * network's hidden state from each frame to the next. The state is kept as Java floats between
 * calls (a few KB at the deepest stride for a ConvGRU, the blended class probabilities at the input's
 * size for an output memory), so every pass runs in its own sub-manager and no native array outlives
 * it. A frame of another size starts from a fresh state. Not thread-safe.
 */
final class RecurrentForward implements ForwardPass, AutoCloseable {

    private final Block block;
    private final int numClasses;
    private final NDManager manager;
    private float[] hidden;
    private Shape hiddenShape;
    private int height;
    private int width;
    private FlowField flow;

    RecurrentForward(Block block, int numClasses) {
        this.block = Objects.requireNonNull(block, "block");
        this.numClasses = numClasses;
        this.manager = NDManager.newBaseManager();
        this.manager.setName("seg4j-recurrent");
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    /** Forgets the state: the next frame starts a new video. */
    void reset() {
        flow = null;
        hidden = null;
        hiddenShape = null;
    }

    /**
     * The flow from the next frame to the previous one (at the frame's size, which the network's
     * input covers): the next {@link #run} warps the held state along it before the update. Used
     * once; {@code null} for no motion compensation.
     */
    void setFlow(FlowField flow) {
        this.flow = flow;
    }

    /** Whether a state from an earlier frame is held. */
    boolean hasState() {
        return hidden != null;
    }

    @Override
    public float[] run(float[] input, int n, int h, int w, boolean probabilities) {
        if (n != 1) {
            throw new IllegalStateException("a recurrent video state runs one frame at a time, got " + n);
        }
        if (hidden != null && (h != height || w != width)) {
            reset();
        }
        float[] data = input.length == 3 * h * w ? input : Arrays.copyOf(input, 3 * h * w);
        float[] out;
        long oh;
        long ow;
        try (GradientsOff off = GradientsOff.begin(); NDManager sub = manager.newSubManager()) {
            NDArray x = sub.create(data, new Shape(1, 3, h, w));
            NDList in = hidden == null ? new NDList(x) : new NDList(x, sub.create(hidden, hiddenShape));
            PairList<String, Object> params = null;
            if (flow != null && hidden != null) {
                params = new PairList<>();
                params.add(ConvGruMemory.FLOW, FlowWarp.toArray(sub, flow));
            }
            flow = null;
            NDList result = block.forward(new ParameterStore(sub, false), in, false, params);
            if (result.size() < 2) {
                throw new IllegalStateException("the network returned no hidden state: it is not a temporal model");
            }
            NDArray scores = result.get(0);
            Shape s = scores.getShape();
            if (s.dimension() != 4 || s.get(1) != numClasses) {
                throw new IllegalStateException("model returned shape " + s + "; expected 1 x " + numClasses + " x H x W");
            }
            if (probabilities) {
                scores = scores.softmax(1);
            }
            NDArray state = result.get(1);
            hidden = state.toFloatArray();
            hiddenShape = state.getShape();
            height = h;
            width = w;
            oh = s.get(2);
            ow = s.get(3);
            out = scores.toFloatArray();
        }
        if (oh == h && ow == w) {
            return out;
        }
        return Images.resizePlanes(out, numClasses, (int) ow, (int) oh, w, h);
    }

    @Override
    public void close() {
        manager.close();
    }
}
