package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelDirectory;

class WeightAverageTest {

    @TempDir
    Path tmp;

    /** A 2 -> 1 linear layer: weight (1, 2) and bias (1). */
    private static Block linear(NDManager m) {
        Block b = Linear.builder().setUnits(1).build();
        b.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 2));
        return b;
    }

    private static void setAll(Block b, float value) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            NDArray a = p.getValue().getArray();
            a.set(new ai.djl.ndarray.index.NDIndex("..."), value);
        }
    }

    private static List<float[]> values(Block b) {
        List<float[]> v = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            v.add(p.getValue().getArray().toFloatArray());
        }
        return v;
    }

    @Test
    void followsTheRampedDecayWorkedOutByHand() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = linear(m);
            setAll(b, 0f);
            try (WeightAverage avg = new WeightAverage(b, m, 0.5)) {
                // update 1: d = min(0.5, 1/10) = 0.1, avg = 0 + 0.9 * (10 - 0) = 9
                assertThat(avg.nextDecay()).isCloseTo(0.1, within(1e-12));
                setAll(b, 10f);
                avg.update();
                // update 2: d = min(0.5, 2/11) = 2/11, avg = 9 + (9/11) * (20 - 9) = 18
                assertThat(avg.nextDecay()).isCloseTo(2.0 / 11, within(1e-12));
                setAll(b, 20f);
                avg.update();
                // update 3: d = min(0.5, 3/12) = 0.25, avg = 18 + 0.75 * (2 - 18) = 6
                setAll(b, 2f);
                avg.update();
                // update 10: d = min(0.5, 10/19) = 0.5 (the cap)
                for (int i = 3; i < 9; i++) {
                    avg.update();
                }
                assertThat(avg.nextDecay()).isEqualTo(0.5);
                assertThat(avg.updates()).isEqualTo(9);

                avg.swap();
                // after 6 more updates towards 2 with d = 4/13, 5/14, 6/15, 7/16, 8/17, 9/18
                double expected = 6;
                for (int n = 3; n < 9; n++) {
                    double d = Math.min(0.5, (1.0 + n) / (10.0 + n));
                    expected = expected + (1 - d) * (2 - expected);
                }
                for (float[] v : values(b)) {
                    for (float x : v) {
                        assertThat((double) x).isCloseTo(expected, within(1e-5));
                    }
                }
            }
        }
    }

    @Test
    void swapIsExactAndSwappingTwiceRestores() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = linear(m);
            List<float[]> start = values(b);
            try (WeightAverage avg = new WeightAverage(b, m, 0.9)) {
                setAll(b, 3f);
                avg.update(); // d = 0.1: avg = start + 0.9 * (3 - start)
                List<float[]> raw = values(b);
                avg.swap();
                List<float[]> averaged = values(b);
                for (int i = 0; i < start.size(); i++) {
                    for (int j = 0; j < start.get(i).length; j++) {
                        float s = start.get(i)[j];
                        assertThat(averaged.get(i)[j]).isCloseTo(s + 0.9f * (3f - s), within(1e-6f));
                    }
                }
                avg.swap();
                assertThat(values(b)).usingRecursiveComparison().isEqualTo(raw);
                avg.swap();
                assertThat(values(b)).usingRecursiveComparison().isEqualTo(averaged);
            }
        }
    }

    @Test
    void saveAndLoadRoundTrip() {
        Path file = tmp.resolve("ema.bin");
        List<float[]> averaged;
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = linear(m);
            try (WeightAverage avg = new WeightAverage(b, m, 0.9)) {
                setAll(b, 5f);
                avg.update();
                avg.update();
                avg.save(file);
                avg.swap();
                averaged = values(b);
            }
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = linear(m);
            setAll(b, -1f);
            try (WeightAverage avg = new WeightAverage(b, m, 0.9)) {
                avg.load(file);
                assertThat(avg.updates()).isEqualTo(2);
                avg.swap();
                assertThat(values(b)).usingRecursiveComparison().isEqualTo(averaged);
            }
        }
    }

    @Test
    void loadRefusesAnotherNetworkAndNamesTheFile() {
        Path file = tmp.resolve("ema.bin");
        try (NDManager m = NDManager.newBaseManager()) {
            try (WeightAverage avg = new WeightAverage(linear(m), m, 0.9)) {
                avg.save(file);
            }
            Block other = TestData.tinyNet(false);
            ModelDirectory.initialize(other, m, 8, 8);
            try (WeightAverage avg = new WeightAverage(other, m, 0.9)) {
                assertThatThrownBy(() -> avg.load(file)).isInstanceOf(Seg4jException.class)
                        .hasMessageContaining(file.toString()).hasMessageContaining("another network");
            }
        }
    }

    @Test
    void rejectsADecayOutsideTheOpenUnitInterval() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = linear(m);
            assertThatThrownBy(() -> new WeightAverage(b, m, 1.0)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> new WeightAverage(b, m, 0.0)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
