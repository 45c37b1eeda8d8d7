package org.seg4j.metric.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;

class BoundaryScoreTest {

    // class 1 square of 5x5 at (x0, 5) on class 0, in a 20x20 image
    private static LabelMask square(int x0) {
        LabelMask m = LabelMask.filled(20, 20, 0);
        for (int y = 5; y < 10; y++) {
            for (int x = x0; x < x0 + 5; x++) {
                m.set(x, y, 1);
            }
        }
        return m;
    }

    private static BoundaryScore score(LabelMask predicted, LabelMask truth, int tol) {
        BoundaryScore s = new BoundaryScore(2, BoundaryTolerance.ofPixels(tol));
        s.add(predicted, truth);
        return s;
    }

    @Test
    void perfectPredictionScoresOne() {
        BoundaryScore s = score(square(5), square(5), 2);
        assertThat(s.truthPixels(1)).isEqualTo(16); // perimeter of a 5x5 square
        assertThat(s.truthPixels(0)).isEqualTo(20); // its 4-neighbour ring, corners excluded
        assertThat(s.f1()).containsExactly(1.0, 1.0);
    }

    @Test
    void shiftByOneIsWithinTolerance() {
        BoundaryScore s = score(square(6), square(5), 2);
        assertThat(s.precision()[1]).isEqualTo(1.0);
        assertThat(s.recall()[1]).isEqualTo(1.0);
    }

    @Test
    void shiftByThreeMissesTheFarColumn() {
        BoundaryScore s = score(square(8), square(5), 2);
        // the predicted right column (5 pixels) lies 3 px from any true boundary pixel; the rest
        // within 2 (the top/bottom row pixel at x = 12 is 3 from (9, 5))
        assertThat(s.precision()[1]).isEqualTo(11 / 16.0);
        assertThat(s.recall()[1]).isEqualTo(11 / 16.0);
        assertThat(s.f1()[1]).isCloseTo(11 / 16.0, within(1e-12));
        // background ring: (7,7), the column x = 13 and (12,4), (12,10) are further than 2
        assertThat(s.precision()[0]).isEqualTo(12 / 20.0);
        assertThat(s.recall()[0]).isEqualTo(12 / 20.0);
        assertThat(s.meanF1()).isCloseTo((11 / 16.0 + 12 / 20.0) / 2, within(1e-12));
        // with tolerance 3 everything matches
        assertThat(score(square(8), square(5), 3).f1()).containsExactly(1.0, 1.0);
    }

    @Test
    void countsAccumulateOverImages() {
        BoundaryScore s = score(square(8), square(5), 2);
        s.add(square(5), square(5));
        assertThat(s.precision()[1]).isEqualTo(27 / 32.0);
        BoundaryScore other = score(square(5), square(5), 2);
        other.merge(score(square(8), square(5), 2));
        assertThat(other.precision()).containsExactly(s.precision());
    }

    @Test
    void voidPixelsMakeNoBoundary() {
        LabelMask truth = square(5);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 20; x++) {
                if (truth.get(x, y) == 0) {
                    truth.set(x, y, LabelMask.IGNORE);
                }
            }
        }
        // the square inside a void surround has no boundary; predictions under void are skipped
        BoundaryScore s = score(square(5), truth, 2);
        assertThat(s.truthPixels(1)).isZero();
        assertThat(s.predictedPixels(1)).isZero();
        assertThat(s.f1()[1]).isNaN();
        assertThat(s.meanF1()).isNaN();
    }

    @Test
    void missingClassScoresZeroAndAbsentClassIsUndefined() {
        BoundaryScore s = new BoundaryScore(3, BoundaryTolerance.ofPixels(2));
        s.add(LabelMask.filled(20, 20, 0), square(5));
        assertThat(s.f1()[1]).isZero();
        assertThat(s.recall()[1]).isZero();
        assertThat(s.precision()[1]).isNaN();
        assertThat(s.f1()[2]).isNaN();
    }

    @Test
    void badInputIsRejectedWithoutCounting() {
        BoundaryScore s = new BoundaryScore(2, BoundaryTolerance.ofPixels(2));
        assertThatThrownBy(() -> s.add(LabelMask.filled(3, 3, 0), square(5))).hasMessageContaining("3x3");
        LabelMask three = square(5);
        three.set(0, 0, 2);
        assertThatThrownBy(() -> s.add(square(5), three)).hasMessageContaining("label 2");
        assertThat(s.truthPixels(1)).isZero();
    }

    @Test
    void toleranceFollowsTheDiagonal() {
        assertThat(BoundaryTolerance.DEFAULT.pixelsFor(480, 360)).isEqualTo(5); // ceil(0.008 * 600)
        assertThat(BoundaryTolerance.DEFAULT.pixelsFor(10, 10)).isEqualTo(1);
        assertThat(BoundaryTolerance.ofPixels(3).pixelsFor(480, 360)).isEqualTo(3);
        assertThat(BoundaryTolerance.DEFAULT.describe()).isEqualTo("0.80% of the image diagonal");
        assertThatThrownBy(() -> BoundaryTolerance.ofPixels(0)).hasMessageContaining("positive pixel count");
    }
}
