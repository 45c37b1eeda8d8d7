package org.seg4j.metric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.seg4j.data.LabelMask;

class SegmentationMetricsTest {

    private static final Offset<Double> EPS = within(1e-12);

    /**
     * Four classes, rows = truth, columns = prediction:
     *
     * <pre>
     *            p0  p1  p2  p3   | support
     *   t0       50   5   0   5   |   60
     *   t1       10  30   0   0   |   40
     *   t2        0   0   0   0   |    0   (absent from truth and prediction)
     *   t3        0   0   0   0   |    0   (predicted 5 times, never true)
     * </pre>
     *
     * Total 100, diagonal 50 + 30 = 80.
     */
    private static final long[][] FOUR_CLASSES = {
        {50, 5, 0, 5},
        {10, 30, 0, 0},
        {0, 0, 0, 0},
        {0, 0, 0, 0},
    };

    private static SegmentationMetrics fourClasses() {
        return SegmentationMetrics.of(ConfusionMatrix.of(FOUR_CLASSES));
    }

    @Test
    void pixelAccuracyIsDiagonalOverTotal() {
        // 80 / 100
        assertThat(fourClasses().pixelAccuracy()).isCloseTo(0.8, EPS);
    }

    @Test
    void perClassIoUPrecisionRecallF1() {
        SegmentationMetrics m = fourClasses();

        // class 0: TP 50, FN 5 + 5 = 10, FP 10 (column 0 minus diagonal)
        //   IoU 50 / 70, precision 50 / 60, recall 50 / 60, F1 100 / (100 + 10 + 10) = 5/6
        // class 1: TP 30, FN 10, FP 5
        //   IoU 30 / 45 = 2/3, precision 30 / 35 = 6/7, recall 30 / 40 = 3/4, F1 60 / 75 = 4/5
        // class 2: TP = FP = FN = 0, everything 0/0
        // class 3: TP 0, FN 0, FP 5
        //   IoU 0 / 5 = 0, precision 0 / 5 = 0, recall 0 / 0 undefined, F1 0 / 5 = 0
        assertThat(m.iou()).containsExactly(new double[] {5.0 / 7, 2.0 / 3, Double.NaN, 0}, EPS);
        assertThat(m.precision()).containsExactly(new double[] {5.0 / 6, 6.0 / 7, Double.NaN, 0}, EPS);
        assertThat(m.recall()).containsExactly(new double[] {5.0 / 6, 3.0 / 4, Double.NaN, Double.NaN}, EPS);
        assertThat(m.f1()).containsExactly(new double[] {5.0 / 6, 4.0 / 5, Double.NaN, 0}, EPS);
        assertThat(m.support()).containsExactly(60, 40, 0, 0);
        assertThat(m.numClasses()).isEqualTo(4);
    }

    @Test
    void classAbsentEverywhereIsNaNEverywhere() {
        SegmentationMetrics m = fourClasses();

        assertThat(m.iou()[2]).isNaN();
        assertThat(m.precision()[2]).isNaN();
        assertThat(m.recall()[2]).isNaN();
        assertThat(m.f1()[2]).isNaN();
    }

    @Test
    void meanIoUSkipsUndefinedClassButCountsPredictedOnlyClass() {
        // (5/7 + 2/3 + 0) / 3 = (15/21 + 14/21) / 3 = 29/63; class 2 excluded, class 3 included as 0.
        assertThat(fourClasses().meanIoU()).isCloseTo(29.0 / 63, EPS);
    }

    @Test
    void meanClassAccuracyAveragesRecallOfClassesWithTruePixels() {
        // (5/6 + 3/4) / 2 = (10/12 + 9/12) / 2 = 19/24; classes 2 and 3 have no true pixels.
        assertThat(fourClasses().meanClassAccuracy()).isCloseTo(19.0 / 24, EPS);
        assertThat(fourClasses().meanRecall()).isCloseTo(19.0 / 24, EPS);
    }

    @Test
    void frequencyWeightedIoUWeightsByTruePixelShare() {
        // 60/100 * 5/7 + 40/100 * 2/3 = 3/7 + 4/15 = 45/105 + 28/105 = 73/105
        assertThat(fourClasses().frequencyWeightedIoU()).isCloseTo(73.0 / 105, EPS);
    }

    @Test
    void meanF1AndMeanPrecisionSkipUndefinedClass() {
        // F1: (5/6 + 4/5 + 0) / 3 = (25/30 + 24/30) / 3 = 49/90
        assertThat(fourClasses().meanF1()).isCloseTo(49.0 / 90, EPS);
        // precision: (5/6 + 6/7 + 0) / 3 = (35/42 + 36/42) / 3 = 71/126
        assertThat(fourClasses().meanPrecision()).isCloseTo(71.0 / 126, EPS);
    }

    @Test
    void diceEqualsTwoIoUOverOnePlusIoU() {
        // Dice = 2TP / (2TP + FP + FN) = 2 IoU / (1 + IoU), a check independent of the F1 formula.
        SegmentationMetrics m = fourClasses();
        double[] iou = m.iou();
        double[] f1 = m.f1();
        for (int c : new int[] {0, 1, 3}) {
            assertThat(f1[c]).isCloseTo(2 * iou[c] / (1 + iou[c]), EPS);
        }
    }

    @Test
    void binaryCaseFromMasks() {
        // truth      1 1 0 0 / 1 0 0 255
        // prediction 1 0 0 1 / 1 0 1 1
        // counted pixels: 7 (the void one is skipped)
        //   t1 -> p1: 2, t1 -> p0: 1, t0 -> p0: 2, t0 -> p1: 2
        // rows {{2, 2}, {1, 2}}, accuracy 4 / 7
        // class 0: TP 2, FP 1, FN 2 -> IoU 2/5, precision 2/3, recall 1/2, F1 4/7
        // class 1: TP 2, FP 2, FN 1 -> IoU 2/5, precision 1/2, recall 2/3, F1 4/7
        // mIoU 2/5, mean class accuracy (1/2 + 2/3) / 2 = 7/12, fwIoU 4/7 * 2/5 + 3/7 * 2/5 = 2/5
        byte[] t = {1, 1, 0, 0, 1, 0, 0, (byte) 255};
        byte[] p = {1, 0, 0, 1, 1, 0, 1, 1};
        ConfusionMatrix cm = new ConfusionMatrix(2);
        cm.add(new LabelMask(4, 2, p), new LabelMask(4, 2, t));
        SegmentationMetrics m = cm.metrics();

        assertThat(cm.toRows()).isEqualTo(new long[][] {{2, 2}, {1, 2}});
        assertThat(m.pixelAccuracy()).isCloseTo(4.0 / 7, EPS);
        assertThat(m.iou()).containsExactly(new double[] {0.4, 0.4}, EPS);
        assertThat(m.precision()).containsExactly(new double[] {2.0 / 3, 0.5}, EPS);
        assertThat(m.recall()).containsExactly(new double[] {0.5, 2.0 / 3}, EPS);
        assertThat(m.f1()).containsExactly(new double[] {4.0 / 7, 4.0 / 7}, EPS);
        assertThat(m.meanIoU()).isCloseTo(0.4, EPS);
        assertThat(m.meanClassAccuracy()).isCloseTo(7.0 / 12, EPS);
        assertThat(m.frequencyWeightedIoU()).isCloseTo(0.4, EPS);
        assertThat(m.meanF1()).isCloseTo(4.0 / 7, EPS);
    }

    @Test
    void perfectPredictionScoresOneEverywhereDefined() {
        // diagonal only; class 1 never occurs, so it is undefined and skipped
        SegmentationMetrics m = SegmentationMetrics.of(ConfusionMatrix.of(new long[][] {
            {7, 0, 0}, {0, 0, 0}, {0, 0, 3},
        }));

        assertThat(m.pixelAccuracy()).isEqualTo(1.0);
        assertThat(m.meanIoU()).isEqualTo(1.0);
        assertThat(m.meanClassAccuracy()).isEqualTo(1.0);
        assertThat(m.frequencyWeightedIoU()).isCloseTo(1.0, EPS);
        assertThat(m.meanF1()).isEqualTo(1.0);
        assertThat(m.iou()[1]).isNaN();
    }

    @Test
    void emptyMatrixHasNoDefinedMetric() {
        SegmentationMetrics m = new ConfusionMatrix(3).metrics();

        assertThat(m.pixelAccuracy()).isNaN();
        assertThat(m.meanIoU()).isNaN();
        assertThat(m.meanClassAccuracy()).isNaN();
        assertThat(m.frequencyWeightedIoU()).isNaN();
        assertThat(m.meanF1()).isNaN();
        assertThat(m.support()).containsExactly(0, 0, 0);
    }

    @Test
    void isImmutableAndComparedByValue() {
        SegmentationMetrics m = fourClasses();
        m.iou()[0] = 42;
        m.support()[0] = 42;

        assertThat(m.iou()[0]).isCloseTo(5.0 / 7, EPS);
        assertThat(m.support()[0]).isEqualTo(60);
        assertThat(m).isEqualTo(fourClasses()).hasSameHashCodeAs(fourClasses());
        assertThat(m).isNotEqualTo(SegmentationMetrics.of(ConfusionMatrix.of(new long[][] {{1, 0}, {0, 1}})));
        assertThat(m.toString()).contains("mIoU=0.4603");
    }
}
