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
import java.util.Random;
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

    @Test
    void outputMatchesAHandComputedScaledDotProductAttention() {
        // D = 4, 2 heads of d = 2, 3 tokens, weights of order 1: the 1/sqrt(d) scale changes the
        // softmax by far more than the tolerance.
        int dim = 4;
        int heads = 2;
        int tokens = 3;
        Random rnd = new Random(7);
        float[][] wQkv = randomMatrix(rnd, 3 * dim, dim);
        float[] bQkv = randomMatrix(rnd, 1, 3 * dim)[0];
        float[][] wProj = randomMatrix(rnd, dim, dim);
        float[] bProj = randomMatrix(rnd, 1, dim)[0];
        float[][] x = randomMatrix(rnd, tokens, dim);
        try (NDManager m = NDManager.newBaseManager()) {
            MultiHeadAttention attention = new MultiHeadAttention(dim, heads);
            attention.initialize(m, DataType.FLOAT32, new Shape(1, tokens, dim));
            for (Pair<String, Parameter> p : attention.getParameters()) {
                float[] values = switch (p.getKey().replaceFirst("^\\d+", "")) {
                    case "qkv_weight" -> flatten(wQkv);
                    case "qkv_bias" -> bQkv;
                    case "proj_weight" -> flatten(wProj);
                    case "proj_bias" -> bProj;
                    default -> throw new AssertionError("unexpected parameter " + p.getKey());
                };
                p.getValue().getArray().set(values);
            }
            NDArray input = m.create(flatten(x), new Shape(1, tokens, dim));
            float[] actual = attention.forward(new ParameterStore(m, false), new NDList(input), false)
                    .head().toFloatArray();
            float[] expected = flatten(reference(x, wQkv, bQkv, wProj, bProj, heads));
            assertThat(actual).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(actual[i]).as("output %d", i).isCloseTo(expected[i], within(1e-4f));
            }
        }
    }

    /** Plain-Java multi-head attention: proj(concat_h softmax(q_h k_h^T / sqrt(d)) v_h). */
    private static float[][] reference(float[][] x, float[][] wQkv, float[] bQkv, float[][] wProj, float[] bProj,
            int heads) {
        int t = x.length;
        int dim = x[0].length;
        int d = dim / heads;
        float[][] qkv = linear(x, wQkv, bQkv);
        float[][] concat = new float[t][dim];
        for (int h = 0; h < heads; h++) {
            for (int i = 0; i < t; i++) {
                double[] scores = new double[t];
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < t; j++) {
                    double dot = 0;
                    for (int c = 0; c < d; c++) {
                        dot += qkv[i][h * d + c] * qkv[j][dim + h * d + c];
                    }
                    scores[j] = dot / Math.sqrt(d);
                    max = Math.max(max, scores[j]);
                }
                double sum = 0;
                for (int j = 0; j < t; j++) {
                    scores[j] = Math.exp(scores[j] - max);
                    sum += scores[j];
                }
                for (int c = 0; c < d; c++) {
                    double acc = 0;
                    for (int j = 0; j < t; j++) {
                        acc += scores[j] / sum * qkv[j][2 * dim + h * d + c];
                    }
                    concat[i][h * d + c] = (float) acc;
                }
            }
        }
        return linear(concat, wProj, bProj);
    }

    /** {@code x W^T + b}, as DJL's Linear computes it. */
    private static float[][] linear(float[][] x, float[][] w, float[] b) {
        float[][] out = new float[x.length][w.length];
        for (int i = 0; i < x.length; i++) {
            for (int o = 0; o < w.length; o++) {
                double acc = b[o];
                for (int c = 0; c < x[i].length; c++) {
                    acc += x[i][c] * w[o][c];
                }
                out[i][o] = (float) acc;
            }
        }
        return out;
    }

    private static float[][] randomMatrix(Random rnd, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int c = 0; c < cols; c++) {
                row[c] = (float) rnd.nextGaussian();
            }
        }
        return m;
    }

    private static float[] flatten(float[][] m) {
        float[] out = new float[m.length * m[0].length];
        for (int r = 0; r < m.length; r++) {
            System.arraycopy(m[r], 0, out, r * m[0].length, m[r].length);
        }
        return out;
    }
}
