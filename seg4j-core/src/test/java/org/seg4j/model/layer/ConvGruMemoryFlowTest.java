package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.junit.jupiter.api.Test;
import org.seg4j.metric.video.FlowField;
import org.seg4j.metric.video.FlowWarp;

/** The memory's motion compensation: the state is warped along the flow parameter before each update. */
class ConvGruMemoryFlowTest {

    private static final Shape X = new Shape(2, 3, 4, 6); // one clip of 2 frames

    private static ConvGruMemory memory(NDManager m) {
        ConvGruMemory memory = new ConvGruMemory(3, 2, 3);
        memory.initialize(m, DataType.FLOAT32, X);
        memory.getParameters().forEach(p -> {
            NDArray a = p.getValue().getArray();
            a.set(new NDIndex("..."), new NormalInitializer(0.5f).initialize(m, a.getShape(), a.getDataType()));
        });
        return memory;
    }

    private static PairList<String, Object> params(NDManager m, float dx) {
        PairList<String, Object> p = new PairList<>();
        p.add(ConvGruMemory.CLIP_LENGTH, 2);
        // given at twice the features' resolution: resized and halved inside
        NDArray flow = FlowWarp.toArray(m, FlowField.constant(12, 8, dx, 0));
        p.add(ConvGruMemory.FLOW, flow.concat(flow, 0));
        return p;
    }

    @Test
    void aZeroFlowChangesNothingAndAShiftMovesTheFirstStateBeforeTheSecondUpdate() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvGruMemory memory = memory(m);
            NDArray x = m.randomNormal(X);
            PairList<String, Object> clip = new PairList<>();
            clip.add(ConvGruMemory.CLIP_LENGTH, 2);
            float[] plain = memory.forward(new ParameterStore(m, false), new NDList(x), false, clip).get(1)
                    .toFloatArray();
            float[] still = memory.forward(new ParameterStore(m, false), new NDList(x), false, params(m, 0)).get(1)
                    .toFloatArray();
            assertThat(still).containsExactly(plain, org.assertj.core.data.Offset.offset(1e-6f));

            // by hand: h1 from frame 0, warped 1 feature pixel (2 input pixels), then frame 1's update
            ConvGruCell cell = (ConvGruCell) memory.getChildren().get("01cell");
            ParameterStore ps = new ParameterStore(m, false);
            NDArray h0 = m.zeros(new Shape(1, 2, 4, 6));
            NDArray h1 = cell.forward(ps, new NDList(x.get("0:1"), h0), false).head();
            NDArray moved = FlowWarp.bilinear(h1, FlowWarp.toArray(m, FlowField.constant(6, 4, 1, 0)));
            float[] expected = cell.forward(ps, new NDList(x.get("1:2"), moved), false).head().toFloatArray();
            float[] shifted = memory.forward(ps, new NDList(x), false, params(m, 2)).get(1).toFloatArray();
            assertThat(shifted).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5f));
        }
    }

    @Test
    void theGradientReachesTheGivenStateThroughTheWarp() {
        try (NDManager m = NDManager.newBaseManager()) {
            ConvGruMemory memory = memory(m);
            NDArray x = m.randomNormal(new Shape(1, 3, 4, 6));
            NDArray h0 = m.randomNormal(new Shape(1, 2, 4, 6));
            h0.setRequiresGradient(true);
            PairList<String, Object> p = new PairList<>();
            NDArray flow = FlowWarp.toArray(m, FlowField.constant(6, 4, 2, 0));
            p.add(ConvGruMemory.FLOW, flow);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray h1 = memory.forward(new ParameterStore(m, true), new NDList(x, h0), true, p).get(1);
                gc.backward(h1.sum());
            }
            float[] g = h0.getGradient().toFloatArray();
            // every pixel reads x + 2: columns 0 and 1 are read by nobody, column 2 is
            for (int c = 0; c < 2; c++) {
                for (int y = 0; y < 4; y++) {
                    assertThat(g[(c * 4 + y) * 6]).isZero();
                    assertThat(g[(c * 4 + y) * 6 + 1]).isZero();
                }
            }
            double reached = 0;
            for (float v : g) {
                reached += Math.abs(v);
            }
            assertThat(reached).isGreaterThan(1e-3);
        }
    }
}
