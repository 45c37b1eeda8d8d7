package org.seg4j.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;

class ConfusionMatrixTest {

    private static final int VOID = LabelMask.IGNORE;

    private static LabelMask mask(int width, int height, int... labels) {
        byte[] data = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            data[i] = (byte) labels[i];
        }
        return new LabelMask(width, height, data);
    }

    @Test
    void countsEachPixelAtTruthRowAndPredictedColumn() {
        // truth 0 0 1 / 2 2 1, prediction 0 1 1 / 2 0 1:
        // (0,0) once, (0,1) once, (1,1) twice, (2,2) once, (2,0) once.
        ConfusionMatrix m = new ConfusionMatrix(3);
        m.add(mask(3, 2, 0, 1, 1, 2, 0, 1), mask(3, 2, 0, 0, 1, 2, 2, 1));

        assertThat(m.toRows()).isEqualTo(new long[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 1}});
        assertThat(m.total()).isEqualTo(6);
        assertThat(m.count(2, 0)).isEqualTo(1);
    }

    @Test
    void skipsVoidPixelsWhateverIsPredictedThere() {
        // Four of six truth pixels are void; only (0 -> 0) and (1 -> 0) are counted.
        ConfusionMatrix m = new ConfusionMatrix(2);
        m.add(mask(3, 2, 0, 1, 1, 0, 1, 0), mask(3, 2, 0, VOID, VOID, VOID, VOID, 1));

        assertThat(m.toRows()).isEqualTo(new long[][] {{1, 0}, {1, 0}});
        assertThat(m.total()).isEqualTo(2);
    }

    @Test
    void addsArraySliceFromOffset() {
        // Only pixels 2..4 count: truth 1, 255, 0 against predictions 1, 0, 1.
        int[] predicted = {0, 0, 1, 0, 1, 1};
        byte[] truth = {0, 0, 1, (byte) VOID, 0, 1};
        ConfusionMatrix m = new ConfusionMatrix(2);
        m.add(predicted, truth, 2, 3);

        assertThat(m.toRows()).isEqualTo(new long[][] {{0, 1}, {0, 1}});
    }

    @Test
    void rejectsMasksOfDifferentSizes() {
        ConfusionMatrix m = new ConfusionMatrix(2);

        assertThatThrownBy(() -> m.add(LabelMask.filled(4, 2, 0), LabelMask.filled(2, 4, 0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4x2")
                .hasMessageContaining("2x4");
    }

    @Test
    void rejectsTruthLabelOutsideClassRangeAndCountsNothing() {
        ConfusionMatrix m = new ConfusionMatrix(3);

        // Pixel 0 is valid, pixel 1 has truth 3 with only 3 classes.
        assertThatThrownBy(() -> m.add(mask(2, 1, 0, 0), mask(2, 1, 0, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("label 3")
                .hasMessageContaining("pixel 1");
        assertThat(m.total()).as("a failed add leaves the matrix unchanged").isZero();
    }

    @Test
    void rejectsPredictionOutsideClassRange() {
        ConfusionMatrix m = new ConfusionMatrix(3);

        assertThatThrownBy(() -> m.add(mask(2, 1, 1, 7), mask(2, 1, 1, 2)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prediction 7");
        assertThatThrownBy(() -> m.add(new int[] {-1}, new byte[] {0}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("prediction -1");
        assertThat(m.total()).isZero();
    }

    @Test
    void rejectsSliceOutsideArrays() {
        ConfusionMatrix m = new ConfusionMatrix(2);

        assertThatThrownBy(() -> m.add(new int[4], new byte[4], 2, 3)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void mergeAddsCountsCellByCell() {
        ConfusionMatrix a = ConfusionMatrix.of(new long[][] {{3, 1}, {0, 2}});
        ConfusionMatrix b = ConfusionMatrix.of(new long[][] {{1, 0}, {4, 5}});

        a.merge(b);

        // {{3+1, 1+0}, {0+4, 2+5}}
        assertThat(a.toRows()).isEqualTo(new long[][] {{4, 1}, {4, 7}});
        assertThat(b.toRows()).as("the argument is not changed").isEqualTo(new long[][] {{1, 0}, {4, 5}});
    }

    @Test
    void mergeOfMatricesFilledSeparatelyEqualsOneMatrixFilledWithEverything() {
        LabelMask p1 = mask(2, 2, 0, 1, 2, 2);
        LabelMask t1 = mask(2, 2, 0, 0, 2, VOID);
        LabelMask p2 = mask(2, 2, 1, 1, 0, 2);
        LabelMask t2 = mask(2, 2, 1, 2, 0, 2);
        ConfusionMatrix all = new ConfusionMatrix(3);
        all.add(p1, t1);
        all.add(p2, t2);
        ConfusionMatrix first = new ConfusionMatrix(3);
        first.add(p1, t1);
        ConfusionMatrix second = new ConfusionMatrix(3);
        second.add(p2, t2);

        first.merge(second);

        assertThat(first.toRows()).isEqualTo(all.toRows());
        assertThat(first.metrics()).isEqualTo(all.metrics());
    }

    @Test
    void mergeRejectsDifferentClassCounts() {
        assertThatThrownBy(() -> new ConfusionMatrix(2).merge(new ConfusionMatrix(3)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ofRejectsNonSquareAndNegativeCounts() {
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ConfusionMatrix.of(new long[][] {{1, -2}, {3, 4}}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfusionMatrix(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void countRejectsIndicesOutsideTheMatrix() {
        // Without the check, count(0, 2) on a 2x2 matrix would silently read cell (1, 0).
        ConfusionMatrix m = ConfusionMatrix.of(new long[][] {{1, 2}, {3, 4}});

        assertThatThrownBy(() -> m.count(0, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void toRowsIsACopy() {
        ConfusionMatrix m = ConfusionMatrix.of(new long[][] {{1, 2}, {3, 4}});
        m.toRows()[0][0] = 99;

        assertThat(m.count(0, 0)).isEqualTo(1);
    }
}
