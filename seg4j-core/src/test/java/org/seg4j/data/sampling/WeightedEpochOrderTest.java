package org.seg4j.data.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class WeightedEpochOrderTest {

    @Test
    void eachImageIsDrawnFloorOrCeilOfItsExpectedCount() {
        double[] weights = {1, 1, 1, 1, 1, 1, 1, 1, 1, 6.5, 0};
        WeightedEpochOrder order = new WeightedEpochOrder(weights);
        for (long seed = 0; seed < 20; seed++) {
            int[] drawn = order.draw(weights.length, new SplittableRandom(seed));
            int[] counts = new int[weights.length];
            for (int i : drawn) {
                counts[i]++;
            }
            for (int i = 0; i < weights.length; i++) {
                double expected = weights.length * weights[i] / 15.5;
                assertThat((double) counts[i]).isBetween(Math.floor(expected), Math.ceil(expected));
            }
            assertThat(counts[9]).isBetween(4, 5);
            assertThat(counts[10]).isZero();
        }
    }

    @Test
    void theOrderDependsOnlyOnTheGeneratorsSeed() {
        WeightedEpochOrder order = new WeightedEpochOrder(new double[] {1, 2, 3, 4, 5});
        assertThat(order.draw(5, new SplittableRandom(3))).isEqualTo(order.draw(5, new SplittableRandom(3)));
        assertThat(order.probability(4)).isEqualTo(5.0 / 15, org.assertj.core.api.Assertions.within(1e-12));
    }

    @Test
    void refusesBadWeights() {
        assertThatThrownBy(() -> new WeightedEpochOrder(new double[] {0, 0})).hasMessageContaining("all zero");
        assertThatThrownBy(() -> new WeightedEpochOrder(new double[] {1, Double.NaN}))
                .hasMessageContaining("finite");
    }
}
