package org.seg4j.data.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;

class SamplingModeTest {

    /** 4 images, 3 classes; class 2 is rare: one image, 10 pixels. */
    private static final ImageClassCounts COUNTS = new ImageClassCounts(new long[][] {
        {100, 50, 0},
        {100, 0, 0},
        {80, 20, 10},
        {0, 30, 0},
    });

    @Test
    void repeatFactorFollowsTheLvisFormula() {
        double[] w = SamplingMode.REPEAT_FACTOR.weights(COUNTS, 0.5);
        // f = {3/4, 3/4, 1/4}; r = {1, 1, sqrt(0.5 / 0.25)}
        assertThat(w[0]).isEqualTo(1.0);
        assertThat(w[1]).isEqualTo(1.0);
        assertThat(w[2]).isCloseTo(Math.sqrt(2), within(1e-12));
        assertThat(w[3]).isEqualTo(1.0);
    }

    @Test
    void classBalancedAveragesEachImagesShareOfEveryClass() {
        double[] w = SamplingMode.CLASS_BALANCED.weights(COUNTS, 0.5);
        // totals {280, 100, 10}; three classes present
        assertThat(w[0]).isCloseTo((100.0 / 280 + 50.0 / 100) / 3, within(1e-12));
        assertThat(w[1]).isCloseTo((100.0 / 280) / 3, within(1e-12));
        assertThat(w[2]).isCloseTo((80.0 / 280 + 20.0 / 100 + 1.0) / 3, within(1e-12));
        assertThat(w[3]).isCloseTo((30.0 / 100) / 3, within(1e-12));
        double sum = w[0] + w[1] + w[2] + w[3];
        assertThat(sum).isCloseTo(1.0, within(1e-12));
        assertThat(w[2]).isGreaterThan(w[0]).isGreaterThan(w[1]);
    }

    @Test
    void parsesNamesAndAliases() {
        assertThat(SamplingMode.parse("class-aware")).isEqualTo(SamplingMode.CLASS_BALANCED);
        assertThat(SamplingMode.parse("Repeat_Factor")).isEqualTo(SamplingMode.REPEAT_FACTOR);
        assertThat(SamplingMode.parse(null)).isEqualTo(SamplingMode.NONE);
        assertThatThrownBy(() -> SamplingMode.parse("rare"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining("repeat-factor");
    }
}
