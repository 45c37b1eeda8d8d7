package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/** The GRU update with hand-set gates: z = 0 keeps the state, z = 1 replaces it by the candidate. */
class ConvGruCellTest {

    private static final Shape X = new Shape(1, 1, 2, 3);
    private static final Shape H = new Shape(1, 2, 2, 3);

    private static ConvGruCell cell(NDManager m, float updateBias, float candidateBias) {
        ConvGruCell cell = new ConvGruCell(2, 1);
        cell.initialize(m, DataType.FLOAT32, X, H);
        var p = cell.getParameters();
        p.get("01gates_weight").getArray().set(new float[4 * 3]);
        // gate channels: z for the 2 hidden channels, then r for them
        p.get("01gates_bias").getArray().set(new float[] {updateBias, updateBias, 20f, 20f});
        p.get("02candidate_weight").getArray().set(new float[2 * 3]);
        p.get("02candidate_bias").getArray().set(new float[] {candidateBias, -candidateBias});
        return cell;
    }

    @Test
    void aClosedUpdateGateKeepsTheStateAndAnOpenOneTakesTheCandidate() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(X);
            NDArray h = m.randomNormal(H);
            float[] before = h.toFloatArray();

            float[] kept = cell(m, -20f, 0.7f).forward(new ParameterStore(m, false), new NDList(x, h), false)
                    .head().toFloatArray();
            for (int i = 0; i < kept.length; i++) {
                assertThat(kept[i]).isCloseTo(before[i], offset(1e-5f));
            }

            float[] replaced = cell(m, 20f, 0.7f).forward(new ParameterStore(m, false), new NDList(x, h), false)
                    .head().toFloatArray();
            float c = (float) Math.tanh(0.7);
            for (int i = 0; i < 6; i++) {
                assertThat(replaced[i]).isCloseTo(c, offset(1e-5f));
                assertThat(replaced[6 + i]).isCloseTo(-c, offset(1e-5f));
            }
        }
    }

    @Test
    void badSizesAreRejected() {
        assertThatThrownBy(() -> new ConvGruCell(0, 3)).hasMessageContaining("hidden channels");
        assertThatThrownBy(() -> new ConvGruCell(4, 2)).hasMessageContaining("odd");
    }
}
