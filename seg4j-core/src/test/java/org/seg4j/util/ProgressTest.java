package org.seg4j.util;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProgressTest {

    @Test
    void progressLineShowsRateAndEta() {
        var p = new Progress.Lines(System.err, "predict", "img", 10);
        // 4 of 10 done in 2 s: 2 img/s, 6 left -> 3 s
        assertThat(p.line(4, 2.0)).isEqualTo("predict: 4/10 img, 2.00 img/s, ETA 3 s");
        p.status("loss 0.41");
        assertThat(p.line(5, 5.0)).isEqualTo("predict: 5/10 img, 1.00 img/s, ETA 5 s, loss 0.41");
    }

    @Test
    void unknownRateShowsQuestionMark() {
        var p = new Progress.Lines(System.err, "eval", "img", 3);
        assertThat(p.line(0, 0.0)).isEqualTo("eval: 0/3 img, 0.00 img/s, ETA ?");
    }
}
