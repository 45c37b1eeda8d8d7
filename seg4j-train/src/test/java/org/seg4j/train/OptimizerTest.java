package org.seg4j.train;

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
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seg4j.train.optim.Adam;
import org.seg4j.train.optim.Optimizer;
import org.seg4j.train.optim.Sgd;

class OptimizerTest {

    private static final float[] W0 = {1f, -2f, 0.5f};
    private static final float[][] GRADS = {{0.5f, -1f, 0.02f}, {-0.3f, 2f, 0.1f}, {0.2f, 0.1f, -0.4f}};

    /** Runs steps where loss = sum(w * c) so that grad = c exactly. */
    private static float[] run(NDManager m, Optimizer opt, List<Pair<String, Parameter>> params, int from, int to,
            float lr) {
        NDArray w = params.get(0).getValue().getArray();
        for (int i = from; i < to; i++) {
            try (NDManager step = m.newSubManager()) {
                NDArray c = step.create(GRADS[i]);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = c.mul(w).sum();
                    gc.backward(loss);
                }
                opt.step(params, lr, step);
            }
        }
        return w.toFloatArray();
    }

    private static List<Pair<String, Parameter>> param(NDManager m) {
        NDArray w = m.create(W0.clone());
        w.setRequiresGradient(true);
        Parameter p = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optArray(w).build();
        return List.of(new Pair<>("w", p));
    }

    private static double[] adamByHand(int steps, double lr, double wd, boolean decoupled) {
        double b1 = 0.9, b2 = 0.999, eps = 1e-8;
        double[] w = new double[W0.length];
        double[] mm = new double[W0.length];
        double[] vv = new double[W0.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = W0[i];
        }
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = GRADS[t - 1][i];
                if (decoupled) {
                    w[i] *= 1 - lr * wd;
                } else {
                    g += wd * w[i];
                }
                mm[i] = b1 * mm[i] + (1 - b1) * g;
                vv[i] = b2 * vv[i] + (1 - b2) * g * g;
                double mh = mm[i] / (1 - Math.pow(b1, t));
                double vh = vv[i] / (1 - Math.pow(b2, t));
                w[i] -= lr * mh / (Math.sqrt(vh) + eps);
            }
        }
        return w;
    }

    private static double[] sgdByHand(int steps, double lr, double mom, double wd, boolean nesterov) {
        double[] w = new double[W0.length];
        double[] b = new double[W0.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = W0[i];
        }
        for (int t = 1; t <= steps; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = GRADS[t - 1][i] + wd * w[i];
                b[i] = t == 1 ? g : mom * b[i] + g;
                double d = nesterov ? g + mom * b[i] : b[i];
                w[i] -= lr * d;
            }
        }
        return w;
    }

    private static void assertClose(float[] actual, double[] expected) {
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) actual[i]).as("element " + i).isCloseTo(expected[i], within(1e-6));
        }
    }

    @Test
    void oneAdamStepMatchesHandComputation() {
        try (NDManager m = NDManager.newBaseManager(); Optimizer opt = new Adam(m, 0.9f, 0.999f, 1e-8f, 0f, false)) {
            float[] w = run(m, opt, param(m), 0, 1, 0.1f);
            // first Adam step moves every weight by lr * sign(grad)
            assertClose(w, new double[] {0.9, -1.9, 0.4});
            assertClose(w, adamByHand(1, 0.1, 0, false));
        }
    }

    @Test
    void adamAndAdamWOverSeveralSteps() {
        for (boolean decoupled : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager();
                    Optimizer opt = new Adam(m, 0.9f, 0.999f, 1e-8f, 0.05f, decoupled)) {
                float[] w = run(m, opt, param(m), 0, 3, 0.01f);
                assertClose(w, adamByHand(3, 0.01, 0.05, decoupled));
                assertThat(opt.updates()).isEqualTo(3);
            }
        }
    }

    @Test
    void sgdMomentumAndNesterov() {
        for (boolean nesterov : new boolean[] {false, true}) {
            try (NDManager m = NDManager.newBaseManager(); Optimizer opt = new Sgd(m, 0.9f, 0.01f, nesterov)) {
                float[] w = run(m, opt, param(m), 0, 3, 0.1f);
                assertClose(w, sgdByHand(3, 0.1, 0.9, 0.01, nesterov));
            }
        }
    }

    @Test
    void stateRoundTripGivesExactResume() throws Exception {
        try (NDManager m = NDManager.newBaseManager()) {
            Optimizer a = Optimizer.create("adamw", m, 0.9f, 0.01f, false);
            List<Pair<String, Parameter>> pa = param(m);
            run(m, a, pa, 0, 1, 0.01f);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.save(bytes);
            float[] afterOne = pa.get(0).getValue().getArray().toFloatArray();
            float[] full = run(m, a, pa, 1, 3, 0.01f);

            Optimizer b = Optimizer.create("adamw", m, 0.9f, 0.01f, false);
            b.load(new ByteArrayInputStream(bytes.toByteArray()));
            assertThat(b.updates()).isEqualTo(1);
            List<Pair<String, Parameter>> pb = param(m);
            pb.get(0).getValue().getArray().set(afterOne);
            float[] resumed = run(m, b, pb, 1, 3, 0.01f);
            assertThat(resumed).containsExactly(full);
        }
    }
}
