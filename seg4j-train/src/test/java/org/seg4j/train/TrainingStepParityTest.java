package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seg4j.model.weights.ParityCase;
import org.seg4j.model.weights.WeightMapping;

/**
 * One training step from the PyTorch twin's weights and batch ({@code bench/parity}) gives the same
 * loss (seg4j's cross-entropy against {@code CrossEntropyLoss(ignore_index=255)}) within 1e-4 and
 * the same gradient norm for every PyTorch parameter within 1e-3.
 */
class TrainingStepParityTest {

    @TempDir
    Path tmp;

    static String[] cases() {
        return ParityCase.NAMES;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void lossAndGradientNormsMatchPyTorch(String name) {
        try (NDManager m = NDManager.newBaseManager()) {
            ParityCase c = ParityCase.load(name, m, tmp);
            byte[] labels = c.io("train_y").toByteArray();
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray logits = c.block().forward(new ParameterStore(m, false), new NDList(c.io("train_x")), true)
                        .head();
                NDArray l = new SegmentationLoss(c.spec().numClasses()).compute(logits, labels);
                loss = l.getFloat();
                gc.backward(l);
            }
            assertThat((double) loss).as(name + " loss").isCloseTo(c.loss(), org.assertj.core.data.Offset.offset(1e-4));

            Map<String, Parameter> params = new HashMap<>();
            for (Pair<String, Parameter> p : c.block().getParameters()) {
                params.put(p.getKey(), p.getValue());
            }
            Map<String, Double> expected = c.gradNorms();
            int compared = 0;
            double worst = 0;
            for (WeightMapping.Entry e : c.mapping().entries()) {
                Double want = expected.get(e.source());
                if (want == null) {
                    continue; // running statistics have no gradient
                }
                double got = params.get(e.target()).getArray().getGradient().norm().getFloat();
                worst = Math.max(worst, Math.abs(got - want));
                assertThat(got).as(name + " gradient norm of " + e.target() + " (" + e.source() + ")")
                        .isCloseTo(want, org.assertj.core.data.Offset.offset(1e-3));
                compared++;
            }
            assertThat(compared).as("every PyTorch parameter compared").isEqualTo(expected.size());
            System.out.printf("%s: loss seg4j %.7f torch %.7f; %d gradient norms, max |diff| %.2e%n", name, loss,
                    c.loss(), compared, worst);
        }
    }
}
