package org.seg4j.model.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import org.junit.jupiter.api.Test;

class MultiHeadAttentionTest {

    @Test
    void chunkedQueriesGiveTheSameResultForAnyLength() {
        try (NDManager m = NDManager.newBaseManager()) {
            MultiHeadAttention whole = new MultiHeadAttention(8, 2);
            MultiHeadAttention chunked = new MultiHeadAttention(8, 2, 3);
            whole.initialize(m, DataType.FLOAT32, new Shape(2, 4, 8));
            chunked.initialize(m, DataType.FLOAT32, new Shape(2, 4, 8));
            for (int i = 0; i < whole.getParameters().size(); i++) {
                Parameter p = chunked.getParameters().valueAt(i);
                p.getArray().set(whole.getParameters().valueAt(i).getArray().toFloatArray());
            }
            NDArray x = m.randomNormal(new Shape(2, 10, 8));
            ParameterStore ps = new ParameterStore(m, false);
            float[] expected = whole.forward(ps, new NDList(x), false).head().toFloatArray();
            NDArray out = chunked.forward(ps, new NDList(x), false).head();
            assertThat(out.getShape()).isEqualTo(new Shape(2, 10, 8));
            float[] actual = out.toFloatArray();
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).isCloseTo(expected[i], within(1e-5f));
            }
        }
    }

    @Test
    void tokensOnlyAttendThroughTheirContent() {
        // permuting the tokens permutes the output: no position enters the attention itself
        try (NDManager m = NDManager.newBaseManager()) {
            MultiHeadAttention attention = new MultiHeadAttention(4, 2);
            attention.initialize(m, DataType.FLOAT32, new Shape(1, 3, 4));
            for (Pair<String, Parameter> p : attention.getParameters()) {
                p.getValue().getArray().set(m.randomNormal(p.getValue().getShape()).toFloatArray());
            }
            NDArray x = m.randomNormal(new Shape(1, 3, 4));
            NDArray reversed = x.flip(1);
            ParameterStore ps = new ParameterStore(m, false);
            float[] a = attention.forward(ps, new NDList(x), false).head().flip(1).toFloatArray();
            float[] b = attention.forward(ps, new NDList(reversed), false).head().toFloatArray();
            for (int i = 0; i < a.length; i++) {
                assertThat(b[i]).isCloseTo(a[i], within(1e-5f));
            }
        }
    }
}
