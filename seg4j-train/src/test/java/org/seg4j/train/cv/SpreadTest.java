package org.seg4j.train.cv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpreadTest {

    @Test
    void meanAndSampleStandardDeviation() {
        // mean 0.6; squares 0.01 + 0 + 0.01 over n - 1 = 2 -> std 0.1
        Spread s = Spread.of(new double[] {0.5, 0.6, 0.7});
        assertThat(s.mean()).isCloseTo(0.6, within(1e-12));
        assertThat(s.std()).isCloseTo(0.1, within(1e-12));
        assertThat(s.count()).isEqualTo(3);
    }

    @Test
    void undefinedFoldsAreLeftOut() {
        Spread s = Spread.of(new double[] {0.2, Double.NaN, 0.4});
        assertThat(s.mean()).isCloseTo(0.3, within(1e-12));
        assertThat(s.std()).isCloseTo(Math.sqrt(0.02), within(1e-12));
        assertThat(s.count()).isEqualTo(2);
        assertThat(Spread.of(new double[] {0.2}).std()).isNaN();
        assertThat(Spread.of(new double[] {Double.NaN}).mean()).isNaN();
    }
}
