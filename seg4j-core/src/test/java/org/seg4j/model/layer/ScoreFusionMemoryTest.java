package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;
import org.seg4j.metric.video.FlowField;
import org.seg4j.metric.video.FlowWarp;

/**
 * The output memory's blend, worked out by hand on one clip of two 1 x 2 frames with two classes.
 * Frame 0's probabilities are (0.25, 0.75) and (0.8, 0.2) at its two pixels, frame 1's (0.75, 0.25)
 * and (0.5, 0.5); a fresh memory blends with weight 0.2 on the new frame.
 */
class ScoreFusionMemoryTest {

    private static final float LN3 = (float) Math.log(3);
    private static final float LN4 = (float) Math.log(4);

    /** Logits of the two frames, {@code 2 x 2 x 1 x 2} (frame, class, row, column). */
    private static NDArray clip(NDManager m) {
        return m.create(new float[] {0, LN4, LN3, 0, LN3, 0, 0, 0}, new Shape(2, 2, 1, 2));
    }

    private static ScoreFusionMemory memory(NDManager m) {
        ScoreFusionMemory memory = new ScoreFusionMemory(2, 4, 0.2f);
        memory.initialize(m, DataType.FLOAT32, new Shape(2, 2, 1, 2));
        return memory;
    }

    private static PairList<String, Object> params(NDManager m, Float dx) {
        PairList<String, Object> p = new PairList<>();
        p.add(ConvGruMemory.CLIP_LENGTH, 2);
        if (dx != null) {
            NDArray flow = FlowWarp.toArray(m, FlowField.constant(2, 1, dx, 0));
            p.add(ConvGruMemory.FLOW, flow.concat(flow, 0));
        }
        return p;
    }

    /** Softmax of the returned log-probabilities: frame, class, pixel. */
    private static float[] probabilities(NDList out) {
        return out.head().softmax(1).toFloatArray();
    }

    @Test
    void theFirstFrameKeepsItsProbabilitiesAndTheSecondIsBlendedWithTheFirst() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList out = memory(m).forward(new ParameterStore(m, false), new NDList(clip(m)), false, params(m, null));
            // frame 0 unchanged; frame 1 = 0.2 q1 + 0.8 q0
            assertThat(probabilities(out)).containsExactly(new float[] {
                0.25f, 0.8f, 0.75f, 0.2f,
                0.35f, 0.74f, 0.65f, 0.26f}, offset(1e-5f));
            assertThat(out.get(1).toFloatArray()).containsExactly(new float[] {0.35f, 0.74f, 0.65f, 0.26f}, offset(1e-5f));
        }
    }

    @Test
    void theFlowMovesTheStateAndPixelsComingIntoViewTakeTheNewFrame() {
        try (NDManager m = NDManager.newBaseManager()) {
            // frame 1's pixel 0 shows what frame 0 had at pixel 1; pixel 1's source lies outside
            NDList out = memory(m).forward(new ParameterStore(m, false), new NDList(clip(m)), false, params(m, 1f));
            float[] p = probabilities(out);
            // pixel 0: 0.2 (0.75, 0.25) + 0.8 (0.8, 0.2); pixel 1: the new frame alone
            assertThat(new float[] {p[4], p[5], p[6], p[7]})
                    .containsExactly(new float[] {0.79f, 0.5f, 0.21f, 0.5f}, offset(1e-5f));
            // a zero flow is the unwarped blend
            float[] still = probabilities(memory(m).forward(new ParameterStore(m, false), new NDList(clip(m)), false,
                    params(m, 0f)));
            assertThat(still[4]).isCloseTo(0.35f, offset(1e-5f));
        }
    }

    @Test
    void aGivenStateIsTheFrameBefore() {
        try (NDManager m = NDManager.newBaseManager()) {
            ScoreFusionMemory memory = memory(m);
            NDArray z = clip(m);
            NDArray previous = z.get("0:1").softmax(1);
            NDList out = memory.forward(new ParameterStore(m, false), new NDList(z.get("1:2"), previous), false);
            assertThat(out.head().softmax(1).toFloatArray())
                    .containsExactly(new float[] {0.35f, 0.74f, 0.65f, 0.26f}, offset(1e-5f));
        }
    }

    @Test
    void theGateLearnsWhichFrameToTrust() {
        try (NDManager m = NDManager.newBaseManager()) {
            ScoreFusionMemory memory = memory(m);
            Parameter bias = null;
            for (Pair<String, Parameter> p : memory.getParameters()) {
                p.getValue().getArray().setRequiresGradient(true);
                if (p.getKey().startsWith("02gate") && p.getValue().getType() == Parameter.Type.BIAS) {
                    bias = p.getValue();
                }
            }
            assertThat(bias.getArray().getFloat()).isCloseTo((float) Math.log(0.25), offset(1e-6f));
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDList out = memory.forward(new ParameterStore(m, false), new NDList(clip(m)), true, params(m, null));
                // the loss wants class 0 at frame 1's pixel 0, which the new frame says (0.75) and the old not (0.25)
                NDArray loss = out.head().get(new NDIndex("1, 0, 0, 0")).neg();
                gc.backward(loss);
            }
            assertThat(bias.getArray().getGradient().getFloat()).as("more weight on the new frame lowers the loss")
                    .isLessThan(-1e-3f);
        }
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> new ScoreFusionMemory(2, 4, 1f)).hasMessageContaining("blend");
        assertThatThrownBy(() -> new ScoreFusionMemory(2, 0, 0.5f)).hasMessageContaining("hidden");
    }
}
