package org.seg4j.metric.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;
import static org.seg4j.metric.video.FlowWarpTest.mask;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seg4j.Seg4jException;
import org.seg4j.data.LabelMask;

class TemporalConsistencyTest {

    private static final int X = LabelMask.IGNORE;
    private static final int W = 64;
    private static final int H = 48;
    private static final int DX = 3;
    private static final int DY = 2;

    /** A scene of three classes (a background, a band and a box) that pans by (DX, DY) per frame. */
    private static int scene(int x, int y) {
        if (x >= 20 && x < 36 && y >= 10 && y < 26) {
            return 2;
        }
        return Math.floorMod(x + y, 40) < 12 ? 1 : 0;
    }

    private static LabelMask frame(int t) {
        LabelMask m = LabelMask.filled(W, H, 0);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                m.set(x, y, scene(x - DX * t, y - DY * t));
            }
        }
        return m;
    }

    @Test
    void handComputedPair() {
        TemporalConsistency tc = new TemporalConsistency(2);
        // warped next: pixel 3 came from outside the frame
        tc.addWarped(mask(4, 0, 0, 1, 1), mask(4, 0, 1, 1, X));
        // class 0: I = 1 (pixel 0), U = 2 (pixels 0, 1); class 1: I = 1 (pixel 2), U = 2 (pixels 1, 2)
        assertThat(tc.tc()).isEqualTo(0.5);
        assertThat(tc.perClass()).containsExactly(0.5, 0.5);
        assertThat(tc.meanPairTc()).isEqualTo(0.5);
        assertThat(tc.coverage()).isEqualTo(0.75);
        // a second, perfect pair of class 0 only: pooled IoU of 0 = (1 + 4) / (2 + 4), of 1 = 1/2; pair mean (0.5 + 1) / 2
        tc.addWarped(mask(4, 0, 0, 0, 0), mask(4, 0, 0, 0, 0));
        assertThat(tc.tc()).isCloseTo((5.0 / 6 + 0.5) / 2, offset(1e-12));
        assertThat(tc.meanPairTc()).isEqualTo(0.75);
        assertThat(tc.pairs()).isEqualTo(2);
        assertThat(tc.coverage()).isEqualTo(7.0 / 8);
    }

    @Test
    void perfectPredictionOfAPanningSceneScoresOne() {
        TemporalConsistency tc = new TemporalConsistency(3);
        FlowField pan = FlowField.constant(W, H, DX, DY);
        for (int t = 0; t < 5; t++) {
            tc.add(frame(t), frame(t + 1), pan);
        }
        assertThat(tc.tc()).isEqualTo(1.0);
        assertThat(tc.meanPairTc()).isEqualTo(1.0);
        // the last DX columns and DY rows are warped from outside the frame and left out
        assertThat(tc.coverage()).isCloseTo((W - DX) * (H - DY) / (double) (W * H), offset(1e-12));

        // without motion compensation the same predictions look unstable
        TemporalConsistency still = new TemporalConsistency(3);
        for (int t = 0; t < 5; t++) {
            still.add(frame(t), frame(t + 1), FlowField.constant(W, H, 0, 0));
        }
        assertThat(still.tc()).isLessThan(0.9);
    }

    @Test
    void flickeringPredictionScoresLower() {
        Random random = new Random(7);
        TemporalConsistency steady = new TemporalConsistency(3);
        TemporalConsistency flicker = new TemporalConsistency(3);
        FlowField pan = FlowField.constant(W, H, DX, DY);
        LabelMask previous = null;
        for (int t = 0; t < 6; t++) {
            LabelMask noisy = frame(t);
            // 10% of the pixels take a random other class in each frame, independently
            for (int i = 0; i < noisy.data().length; i++) {
                if (random.nextDouble() < 0.1) {
                    noisy.data()[i] = (byte) ((noisy.data()[i] + 1 + random.nextInt(2)) % 3);
                }
            }
            if (previous != null) {
                flicker.add(previous, noisy, pan);
                steady.add(frame(t - 1), frame(t), pan);
            }
            previous = noisy;
        }
        assertThat(steady.tc()).isEqualTo(1.0);
        assertThat(flicker.tc()).isBetween(0.5, 0.9);
        assertThat(flicker.meanPairTc()).isCloseTo(flicker.tc(), offset(0.02));

        TemporalConsistency merged = new TemporalConsistency(3);
        merged.merge(steady);
        merged.merge(flicker);
        assertThat(merged.pairs()).isEqualTo(10);
        assertThat(merged.tc()).isBetween(flicker.tc(), 1.0);
    }

    @Test
    void badInputIsAClearError() {
        TemporalConsistency tc = new TemporalConsistency(2);
        assertThatThrownBy(() -> tc.add(LabelMask.filled(4, 2, 0), LabelMask.filled(4, 3, 0), FlowField.constant(4, 2, 0, 0)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("differ in size (4x2 vs 4x3)");
        assertThatThrownBy(() -> tc.add(LabelMask.filled(4, 2, 0), LabelMask.filled(4, 2, 0), FlowField.constant(2, 2, 0, 0)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("flow is 2x2");
        assertThatThrownBy(() -> tc.add(LabelMask.filled(4, 2, 5), LabelMask.filled(4, 2, 0), FlowField.constant(4, 2, 0, 0)))
                .isInstanceOf(Seg4jException.class).hasMessageContaining("outside 0..1");
        assertThat(tc.pairs()).isZero();
        assertThat(tc.tc()).isNaN();
        assertThat(tc.coverage()).isNaN();
    }
}
