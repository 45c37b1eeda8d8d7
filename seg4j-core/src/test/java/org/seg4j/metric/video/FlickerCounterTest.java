package org.seg4j.metric.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;

class FlickerCounterTest {

    private static LabelMask mask(int... v) {
        byte[] d = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = (byte) v[i];
        }
        return new LabelMask(v.length / 2, 2, d);
    }

    @Test
    void handComputedThreeFrameClip() {
        int x = LabelMask.IGNORE;
        // 2x4 frames; truth: pixel 3 changes 0->1 between frames 0 and 1, pixel 7 is void
        LabelMask t0 = mask(0, 0, 0, 0, 1, 1, 1, x);
        LabelMask t1 = mask(0, 0, 0, 1, 1, 1, 1, x);
        LabelMask p0 = mask(0, 0, 0, 0, 1, 1, 1, 1);
        LabelMask p1 = mask(0, 1, 0, 1, 1, 1, 2, 0); // changes at 1, 3, 6, 7
        LabelMask p2 = mask(0, 0, 0, 1, 1, 1, 1, 0); // changes at 1, 6; frame 2 unlabelled
        FlickerCounter c = new FlickerCounter();
        c.add(p0, p1, t0, t1);
        c.add(p1, p2, t1, null);
        // labelled pair: stable valid pixels 0,1,2,4,5,6 (6); changed among them: 1, 6 -> 2/6
        assertThat(c.flicker()).isEqualTo(2.0 / 6);
        assertThat(c.stablePixels()).isEqualTo(6);
        // all pairs: 4 + 2 changes over 16 pixels
        assertThat(c.unlabelledFlicker()).isEqualTo(6.0 / 16);
        assertThat(c.pairs()).isEqualTo(2);
        assertThat(c.labelledPairs()).isEqualTo(1);

        FlickerCounter other = new FlickerCounter();
        other.add(p0, p0, t0, t0); // no change over 7 valid stable pixels
        c.merge(other);
        assertThat(c.flicker()).isEqualTo(2.0 / 13);
        assertThat(c.unlabelledFlicker()).isEqualTo(6.0 / 24);

        // per pair, in order: 4/8 and 2/6; 2/8 and unlabelled; then the merged pair 0/8 and 0/7
        assertThat(c.perPair()).containsExactly(
                new FlickerCounter.PairFlicker(4.0 / 8, 2.0 / 6),
                new FlickerCounter.PairFlicker(2.0 / 8, Double.NaN),
                new FlickerCounter.PairFlicker(0.0, 0.0));
    }

    @Test
    void emptyAndMismatched() {
        FlickerCounter c = new FlickerCounter();
        assertThat(c.flicker()).isNaN();
        assertThat(c.unlabelledFlicker()).isNaN();
        assertThatThrownBy(() -> c.add(mask(0, 0), mask(0, 0, 0, 0), null, null)).hasMessageContaining("differ in size");
    }
}
