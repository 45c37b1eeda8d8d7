package org.seg4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LrScheduleTest {

    @Test
    void constantWithWarmup() {
        LrSchedule s = new LrSchedule(LrSchedule.Kind.CONSTANT, 0.1, 0, 100, 4, 0.9);
        assertThat(s.lr(0)).isCloseTo(0.025, within(1e-12));
        assertThat(s.lr(1)).isCloseTo(0.05, within(1e-12));
        assertThat(s.lr(3)).isCloseTo(0.1, within(1e-12));
        assertThat(s.lr(50)).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void polyByHand() {
        LrSchedule s = new LrSchedule(LrSchedule.Kind.POLY, 0.01, 0, 110, 10, 0.9);
        assertThat(s.lr(10)).isCloseTo(0.01, within(1e-12));
        assertThat(s.lr(60)).isCloseTo(0.01 * Math.pow(0.5, 0.9), within(1e-12));
        assertThat(s.lr(85)).isCloseTo(0.01 * Math.pow(0.25, 0.9), within(1e-12));
        assertThat(s.lr(110)).isCloseTo(0.0, within(1e-12));
        assertThat(s.lr(500)).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void cosineByHand() {
        LrSchedule s = new LrSchedule(LrSchedule.Kind.COSINE, 1.0, 0.1, 100, 0, 0.9);
        assertThat(s.lr(0)).isCloseTo(1.0, within(1e-12));
        assertThat(s.lr(50)).isCloseTo(0.55, within(1e-12));
        assertThat(s.lr(25)).isCloseTo(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), within(1e-12));
        assertThat(s.lr(100)).isCloseTo(0.1, within(1e-12));
    }
}
