package org.seg4j.data.polygon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RingSimplifierTest {

    // a 10x10 square whose top edge has a 1-pixel step at x = 5
    private static final int[] STEPPED = {0, 0, 5, 0, 5, 1, 10, 1, 10, 10, 0, 10};

    @Test
    void stepWithinToleranceIsRemoved() {
        int[] out = RingSimplifier.simplify(STEPPED, 1.0);
        assertThat(out.length / 2).isEqualTo(4);
        assertThat(out).contains(10, 10);
    }

    @Test
    void stepBeyondToleranceIsKept() {
        assertThat(RingSimplifier.simplify(STEPPED, 0.3)).containsExactly(STEPPED);
        assertThat(RingSimplifier.simplify(STEPPED, 0)).containsExactly(STEPPED);
    }

    @Test
    void tinyRegionsSurvive() {
        int[] pixel = {3, 3, 4, 3, 4, 4, 3, 4};
        assertThat(RingSimplifier.simplify(pixel, 5)).containsExactly(pixel);
    }

    @Test
    void negativeToleranceIsRejected() {
        assertThatThrownBy(() -> RingSimplifier.simplify(STEPPED, -1)).hasMessageContaining(">= 0");
    }
}
