package org.seg4j.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelStatsTest {

    /** UNet, width 8, depth 1, 2 classes: every layer counted by hand. */
    private static final ModelSpec TINY = new ModelSpec("unet", "", 2, 8, Map.of("depth", "1"));

    @Test
    void countsParametersOfTheWholeTree() {
        Block model = ModelRegistry.create(TINY);
        try (NDManager m = NDManager.newBaseManager()) {
            ModelDirectory.initialize(model, m, 32, 32);
            long convs = 3 * 8 * 9 + 8 * 8 * 9 // stage 0
                    + 8 * 16 * 9 + 16 * 16 * 9 // stage 1
                    + 24 * 8 * 9 + 8 * 8 * 9; // decoder: concat(16 upsampled, 8 skip) -> 8
            long batchNorms = 4L * (8 + 8 + 16 + 16 + 8 + 8); // gamma, beta, running mean, running var
            long head = 8 * 2 + 2;
            assertThat(ModelStats.parameterCount(model)).isEqualTo(convs + batchNorms + head);
        }
    }

    @Test
    void gflopsAreTwiceTheMultiplyAccumulates() {
        long pixels = 32 * 32;
        long macs = pixels * (3 * 8 * 9 + 8 * 8 * 9) // stage 0
                + pixels / 4 * (8 * 16 * 9 + 16 * 16 * 9) // stage 1 at 16x16
                + pixels * (24 * 8 * 9 + 8 * 8 * 9) // decoder
                + pixels * 8 * 2; // head
        assertThat(ModelStats.gflops(TINY, 32, 32)).isCloseTo(2.0 * macs / 1e9, within(1e-12));
        // Odd sizes are counted at the padded size the model computes (a multiple of 2 here).
        assertThat(ModelStats.gflops(TINY, 31, 31)).isCloseTo(2.0 * macs / 1e9, within(1e-12));
    }

    @Test
    void fcnCostGrowsWithImageArea() {
        ModelSpec fcn = new ModelSpec("fcn8s", "", 3, 4, Map.of());
        double small = ModelStats.gflops(fcn, 64, 64);
        double large = ModelStats.gflops(fcn, 128, 128);
        assertThat(small).isPositive();
        assertThat(large / small).isCloseTo(4.0, within(1e-9));
    }
}
