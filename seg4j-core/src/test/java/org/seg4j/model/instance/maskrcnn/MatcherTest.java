package org.seg4j.model.instance.maskrcnn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MatcherTest {

    // 2 ground truths x 5 candidates
    private static final float[] IOU = {
        0.8f, 0.5f, 0.1f, 0.2f, 0.0f,
        0.1f, 0.6f, 0.2f, 0.2f, 0.0f};

    @Test
    void thresholdsAndLowQualityMatches() {
        // g1's best candidate (0.6) is under 0.7; low-quality matching restores it
        assertThat(new Matcher(0.7f, 0.3f, false).match(IOU, 2, 5)).containsExactly(0, -2, -1, -1, -1);
        assertThat(new Matcher(0.7f, 0.3f, true).match(IOU, 2, 5)).containsExactly(0, 1, -1, -1, -1);
        // box head: fg >= 0.5, bg < 0.5
        assertThat(new Matcher(0.5f, 0.5f, false).match(IOU, 2, 5)).containsExactly(0, 1, -1, -1, -1);
        assertThat(new Matcher(0.5f, 0.5f, false).match(new float[0], 0, 3)).containsExactly(-1, -1, -1);
    }

    @Test
    void samplerCapsPositivesAndFillsWithNegatives() {
        int[] matches = {0, 1, 0, -1, -1, -2, -1, 2, -1, -1};
        BalancedSampler.Sample s = new BalancedSampler(4, 0.5f).sample(matches, new Random(1));
        assertThat(s.positives()).hasSize(2);
        assertThat(java.util.Arrays.stream(s.positives()).boxed().toList()).isSubsetOf(0, 1, 2, 7);
        assertThat(s.negatives()).hasSize(2);
        assertThat(java.util.Arrays.stream(s.negatives()).boxed().toList()).isSubsetOf(3, 4, 6, 8, 9);
        // few positives: negatives fill the batch; never the ignored one
        BalancedSampler.Sample t = new BalancedSampler(8, 0.25f).sample(new int[] {0, -1, -1, -2, -1}, new Random(1));
        assertThat(t.positives()).containsExactly(0);
        assertThat(t.negatives()).containsExactly(1, 2, 4);
    }
}
