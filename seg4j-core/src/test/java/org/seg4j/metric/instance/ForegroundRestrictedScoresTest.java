package org.seg4j.metric.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed ISBI 2012 scores. */
class ForegroundRestrictedScoresTest {

    /** Two cells merged: split score 1, merge score 8/16; all information is lost: V^Info 0. */
    @Test
    void aMerge() {
        ForegroundRestrictedScores s = ForegroundRestrictedScores.of(new int[] {1, 1, 0, 2, 2},
                new int[] {1, 1, 0, 1, 1});
        assertThat(s.randSplit()).isCloseTo(1, within(1e-12));
        assertThat(s.randMerge()).isCloseTo(0.5, within(1e-12));
        assertThat(s.vRand()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(s.randError()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(s.infoSplit()).isEqualTo(1);
        assertThat(s.infoMerge()).isCloseTo(0, within(1e-12));
        assertThat(s.vInfo()).isCloseTo(0, within(1e-12));
        assertThat(s.variationOfInformation()).isCloseTo(Math.log(2), within(1e-12));
    }

    /**
     * A predicted boundary pixel inside a cell counts as its own segment: sum p^2 = 1 + 1 + 4, sum
     * t^2 = 8, sum s^2 = 1 + 1 + 4, so split 6/8 and merge 1. Ground-truth boundary is ignored.
     */
    @Test
    void boundaryInsideACellIsASingleton() {
        ForegroundRestrictedScores s = ForegroundRestrictedScores.of(new int[] {1, 1, 0, 2, 2},
                new int[] {1, 0, 5, 2, 2});
        assertThat(s.randSplit()).isCloseTo(0.75, within(1e-12));
        assertThat(s.randMerge()).isCloseTo(1, within(1e-12));
        assertThat(s.infoMerge()).isCloseTo(1, within(1e-12));
    }

    @Test
    void perfectAndInvalid() {
        ForegroundRestrictedScores s = ForegroundRestrictedScores.of(new int[] {1, 0, 2}, new int[] {7, 0, 9});
        assertThat(s.randError()).isCloseTo(0, within(1e-12));
        assertThat(s.infoError()).isCloseTo(0, within(1e-12));
        assertThat(s.variationOfInformation()).isCloseTo(0, within(1e-12));
        assertThatThrownBy(() -> ForegroundRestrictedScores.of(new int[] {0, 0}, new int[] {1, 1}))
                .hasMessageContaining("no object pixel");
    }
}
