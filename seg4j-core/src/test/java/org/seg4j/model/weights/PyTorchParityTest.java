package org.seg4j.model.weights;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same weights give the same logits as the PyTorch twin ({@code bench/parity/twins.py}) in
 * inference mode, at 64x64 and at the odd 45x61 (which seg4j pads by reflection to its output
 * stride and crops back), within 1e-4.
 */
class PyTorchParityTest {

    @TempDir
    Path tmp;

    static String[] cases() {
        return ParityCase.NAMES;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void inferenceLogitsMatchPyTorch(String name) {
        try (NDManager m = NDManager.newBaseManager()) {
            ParityCase c = ParityCase.load(name, m, tmp);
            assertThat(c.report().complete()).as(c.report().describe()).isTrue();
            assertThat(c.report().filled()).isEqualTo(c.report().total());
            for (int i = 0; i < 2; i++) {
                NDArray expected = c.io("logits" + i);
                NDArray actual = c.block().forward(new ParameterStore(m, false), new NDList(c.io("x" + i)), false)
                        .head();
                assertThat(actual.getShape()).isEqualTo(expected.getShape());
                float maxDiff = actual.sub(expected).abs().max().getFloat();
                assertThat(maxDiff).as(name + " logits at " + expected.getShape() + ", max |seg4j - torch|")
                        .isLessThan(1e-4f);
                System.out.printf("%s logits %s: max |seg4j - torch| %.2e%n", name, expected.getShape(), maxDiff);
            }
        }
    }
}
