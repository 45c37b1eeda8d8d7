package org.seg4j.train.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Adam's per-parameter update count: parameters frozen for a while, and the state formats. */
class AdamStepCountTest {

    private static final float LR = 0.01f;
    private static final float[] GA = {0.5f, -1f};
    private static final float[] GB = {0.3f, -2f};

    private static Pair<String, Parameter> param(NDManager m, String name, float... values) {
        NDArray a = m.create(values.clone());
        a.setRequiresGradient(true);
        return new Pair<>(name, Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optArray(a).build());
    }

    /** One step with loss = sum(a * GA) + sum(b * GB), so the gradients are GA and GB exactly. */
    private static void step(NDManager m, Optimizer opt, List<Pair<String, Parameter>> params) {
        try (NDManager s = m.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = params.get(0).getValue().getArray().mul(s.create(GA)).sum()
                        .add(params.get(1).getValue().getArray().mul(s.create(GB)).sum());
                gc.backward(loss);
            }
            opt.step(params, LR, s);
        }
    }

    /** Adam's move of a parameter whose moments are zero at update {@code t}, with gradient g. */
    private static double firstMoveAt(int t, double g) {
        double m = 0.1 * g;
        double v = 0.001 * g * g;
        double mHat = m / (1 - Math.pow(0.9, t));
        double vHat = v / (1 - Math.pow(0.999, t));
        return LR * mHat / (Math.sqrt(vHat) + 1e-8);
    }

    @Test
    void parameterUnfrozenAfterKStepsGetsAFreshFirstUpdate() {
        int k = 500;
        float[] b0 = {2f, 3f};
        try (NDManager m = NDManager.newBaseManager(); Optimizer adam = new Adam(m, 0.9f, 0.999f, 1e-8f, 0f, false)) {
            Pair<String, Parameter> a = param(m, "a", 1f, -1f);
            Pair<String, Parameter> b = param(m, "b", b0);
            List<Pair<String, Parameter>> params = List.of(a, b);
            b.getValue().freeze(true);
            for (int i = 0; i < k; i++) {
                step(m, adam, params);
            }
            assertThat(b.getValue().getArray().toFloatArray()).containsExactly(b0);
            b.getValue().freeze(false);
            step(m, adam, params);
            float[] b1 = b.getValue().getArray().toFloatArray();
            for (int i = 0; i < b0.length; i++) {
                double fresh = firstMoveAt(1, GB[i]); // m_hat = g, v_hat = g^2: lr * sign(g)
                double global = firstMoveAt(k + 1, GB[i]); // 1.98x as large at k = 500
                assertThat(Math.abs(global / fresh)).isGreaterThan(1.9);
                assertThat((double) b1[i]).as("element " + i).isCloseTo(b0[i] - fresh, within(1e-6));
            }
        }
    }

    @Test
    void frozenParameterKeepsItsCountAndTheCountsSurviveSaveAndLoad() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Optimizer adamw = new Adam(m, 0.9f, 0.999f, 1e-8f, 0.1f, true);
            List<Pair<String, Parameter>> params = List.of(param(m, "a", 1f, -1f), param(m, "b", 2f, 3f));
            params.get(1).getValue().freeze(true);
            step(m, adamw, params);
            step(m, adamw, params);
            params.get(1).getValue().freeze(false);
            step(m, adamw, params);
            assertThat(adamw.updates()).isEqualTo(3);
            assertThat(adamw.updates("a")).isEqualTo(3);
            assertThat(adamw.updates("b")).isEqualTo(1);

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            adamw.save(bytes);
            Optimizer again = new Adam(m, 0.9f, 0.999f, 1e-8f, 0.1f, true);
            again.load(new ByteArrayInputStream(bytes.toByteArray()));
            assertThat(again.updates()).isEqualTo(3);
            assertThat(again.updates("a")).isEqualTo(3);
            assertThat(again.updates("b")).isEqualTo(1);
            List<Pair<String, Parameter>> copy = List.of(param(m, "a", params.get(0).getValue().getArray()
                    .toFloatArray()), param(m, "b", params.get(1).getValue().getArray().toFloatArray()));
            step(m, adamw, params);
            step(m, again, copy);
            for (int i = 0; i < 2; i++) {
                assertThat(copy.get(i).getValue().getArray().toFloatArray())
                        .containsExactly(params.get(i).getValue().getArray().toFloatArray());
            }
            adamw.close();
            again.close();
        }
    }

    /** A version 1 state (one global count) as the previous format wrote it, for parameter "a". */
    private static byte[] versionOneState(long updates, float[] mSlot, float[] vSlot) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(bytes);
        d.writeInt(0x53344f50);
        d.writeInt(1);
        d.writeUTF("adam");
        d.writeLong(updates);
        d.writeInt(2);
        d.writeInt(1);
        d.writeUTF("a");
        for (float[] slot : new float[][] {mSlot, vSlot}) {
            d.writeInt(1);
            d.writeLong(slot.length);
            d.writeInt(slot.length);
            for (float f : slot) {
                d.writeFloat(f);
            }
        }
        d.flush();
        return bytes.toByteArray();
    }

    @Test
    void versionOneStateLoadsWithTheGlobalCountForEveryParameter() throws IOException {
        float[] mSlot = {0.2f, -0.4f};
        float[] vSlot = {0.01f, 0.03f};
        try (NDManager m = NDManager.newBaseManager(); Optimizer adam = new Adam(m, 0.9f, 0.999f, 1e-8f, 0f, false)) {
            adam.load(new ByteArrayInputStream(versionOneState(5, mSlot, vSlot)));
            assertThat(adam.updates()).isEqualTo(5);
            assertThat(adam.updates("a")).isEqualTo(5);
            assertThat(adam.updates("b")).isZero(); // not in the file: never updated

            float[] a0 = {1f, -1f};
            List<Pair<String, Parameter>> params = List.of(param(m, "a", a0), param(m, "b", 2f, 3f));
            step(m, adam, params);
            float[] a1 = params.get(0).getValue().getArray().toFloatArray();
            for (int i = 0; i < a0.length; i++) {
                // update 6 of "a", continuing the loaded moments
                double mm = 0.9 * mSlot[i] + 0.1 * GA[i];
                double vv = 0.999 * vSlot[i] + 0.001 * GA[i] * GA[i];
                double move = LR * (mm / (1 - Math.pow(0.9, 6))) / (Math.sqrt(vv / (1 - Math.pow(0.999, 6))) + 1e-8);
                assertThat((double) a1[i]).as("element " + i).isCloseTo(a0[i] - move, within(1e-6));
            }
            assertThat(adam.updates("a")).isEqualTo(6);
            assertThat(adam.updates("b")).isEqualTo(1);
        }
    }
}
