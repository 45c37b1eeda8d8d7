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
import org.seg4j.train.optim.DecayGroup;
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

    /** A weight, a bias, and a normalisation scale and shift, each with gradient 1 in every element. */
    private static List<Pair<String, Parameter>> mixedParams(NDManager m) {
        Object[][] spec = {{"w", Parameter.Type.WEIGHT, new float[] {1f, -2f}}, {"b", Parameter.Type.BIAS,
                new float[] {0.5f}}, {"gamma", Parameter.Type.GAMMA, new float[] {2f}},
                {"beta", Parameter.Type.BETA, new float[] {-1f}}};
        List<Pair<String, Parameter>> params = new java.util.ArrayList<>();
        for (Object[] p : spec) {
            NDArray a = m.create(((float[]) p[2]).clone());
            a.setRequiresGradient(true);
            params.add(new Pair<>((String) p[0], Parameter.builder().setName((String) p[0])
                    .setType((Parameter.Type) p[1]).optArray(a).build()));
        }
        return params;
    }

    /** One step of {@code opt} at lr 0.1 with loss = sum of all elements; returns the new values. */
    private static float[][] stepOnce(NDManager m, Optimizer opt, List<Pair<String, Parameter>> params) {
        try (NDManager step = m.newSubManager()) {
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss = null;
                for (Pair<String, Parameter> p : params) {
                    NDArray s = p.getValue().getArray().sum();
                    loss = loss == null ? s : loss.add(s);
                }
                gc.backward(loss);
            }
            opt.step(params, 0.1f, step);
        }
        return params.stream().map(p -> p.getValue().getArray().toFloatArray()).toArray(float[][]::new);
    }

    @Test
    void decayMultipliersScaleNormAndBiasDecay() {
        // weight decay 0.5; norm parameters get 0.5 * 0.2 = 0.1, biases 0.5 * 0 = 0
        try (NDManager m = NDManager.newBaseManager(); Optimizer sgd = new Sgd(m, 0f, 0.5f, false)) {
            sgd.setDecayMultipliers(0.2f, 0f);
            float[][] w = stepOnce(m, sgd, mixedParams(m));
            // w - lr * (g + decay * w) with g = 1, lr = 0.1
            assertClose(w[0], new double[] {1 - 0.1 * (1 + 0.5 * 1), -2 - 0.1 * (1 + 0.5 * -2)}); // 0.85, -2.0
            assertClose(w[1], new double[] {0.5 - 0.1 * 1}); // 0.4: no decay
            assertClose(w[2], new double[] {2 - 0.1 * (1 + 0.1 * 2)}); // 1.88
            assertClose(w[3], new double[] {-1 - 0.1 * (1 + 0.1 * -1)}); // -1.09
        }
        try (NDManager m = NDManager.newBaseManager(); Optimizer adamw = new Adam(m, 0.9f, 0.999f, 1e-8f, 0.5f, true)) {
            adamw.setDecayMultipliers(0.2f, 0f);
            float[][] w = stepOnce(m, adamw, mixedParams(m));
            // decoupled: w * (1 - lr * decay), then the first Adam step moves by lr * sign(g) = 0.1
            assertClose(w[0], new double[] {1 * (1 - 0.1 * 0.5) - 0.1, -2 * (1 - 0.1 * 0.5) - 0.1});
            assertClose(w[1], new double[] {0.5 - 0.1});
            assertClose(w[2], new double[] {2 * (1 - 0.1 * 0.1) - 0.1});
            assertClose(w[3], new double[] {-1 * (1 - 0.1 * 0.1) - 0.1});
        }
    }

    @Test
    void decayMultipliersDefaultToFullDecay() {
        try (NDManager m = NDManager.newBaseManager(); Optimizer sgd = new Sgd(m, 0f, 0.5f, false)) {
            float[][] w = stepOnce(m, sgd, mixedParams(m));
            assertClose(w[1], new double[] {0.5 - 0.1 * (1 + 0.5 * 0.5)}); // 0.375
            assertClose(w[2], new double[] {2 - 0.1 * (1 + 0.5 * 2)}); // 1.8
        }
    }

    @Test
    void batchNormAndConvParametersFallIntoTheirGroups() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.nn.Block net = TestData.tinyNet(false);
            org.seg4j.model.ModelDirectory.initialize(net, m, 8, 8);
            java.util.Map<String, DecayGroup> groups = new java.util.LinkedHashMap<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                groups.put(p.getKey(), DecayGroup.of(p.getValue()));
            }
            assertThat(groups).containsEntry("01Conv2d_weight", DecayGroup.OTHER)
                    .containsEntry("01Conv2d_bias", DecayGroup.BIAS)
                    .containsEntry("02BatchNorm_gamma", DecayGroup.NORM)
                    .containsEntry("02BatchNorm_beta", DecayGroup.NORM);
        }
        assertThat(org.seg4j.train.TrainConfig.fromMap(java.util.Map.of("norm_decay_mult", 0.25, "bias-decay-mult", "0.5"),
                "t")).satisfies(c -> {
                    assertThat(c.normDecayMult()).isEqualTo(0.25);
                    assertThat(c.biasDecayMult()).isEqualTo(0.5);
                });
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> org.seg4j.train.TrainConfig.builder().optNormDecayMult(-1).build())
                .hasMessageContaining("norm_decay_mult");
    }
}
