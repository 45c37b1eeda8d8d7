package org.seg4j.train.region;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SvmTrainingTest {

    @Test
    void separatesLinearlySeparableDataWithAMargin() {
        // class 0: x0 > 0; points at |x0| >= 1, noise in x1
        Random r = new Random(3);
        int n = 200;
        float[][] x = new float[n][2];
        boolean[] pos = new boolean[n];
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            pos[i] = i % 2 == 0;
            x[i][0] = (float) ((pos[i] ? 1 : -1) * (1 + r.nextDouble()));
            x[i][1] = (float) r.nextGaussian();
            rows[i] = i;
        }
        double[] w = HingeSvm.train(x, rows, pos, 10, 10, 0.01, 500, new Random(1));
        for (int i = 0; i < n; i++) {
            double s = HingeSvm.score(w, x[i]);
            assertThat(pos[i] ? s : -s).as("example %d", i).isGreaterThan(0.9);
        }
        // the maximum-margin direction is x0: the x1 weight is small
        assertThat(Math.abs(w[1])).isLessThan(0.2 * Math.abs(w[0]));
    }

    @Test
    void hardNegativeMiningFindsTheNegativesNearTheBoundary() {
        // many easy negatives far away and a few hard ones close to the positives: a first cache of
        // 5 random negatives is unlikely to hold the hard ones; mining must add them
        int easy = 2000;
        int hard = 20;
        int positives = 20;
        int n = easy + hard + positives;
        float[][] x = new float[n][2];
        byte[][] label = new byte[n][1];
        Random r = new Random(5);
        for (int i = 0; i < n; i++) {
            if (i < positives) {
                x[i] = new float[] {(float) (2 + r.nextDouble()), (float) r.nextGaussian()};
                label[i][0] = 1;
            } else if (i < positives + hard) {
                x[i] = new float[] {(float) (0.5 + r.nextDouble()), (float) r.nextGaussian()};
                label[i][0] = -1;
            } else {
                x[i] = new float[] {(float) (-10 - r.nextDouble()), (float) r.nextGaussian()};
                label[i][0] = -1;
            }
        }
        double[][] noMining = new SvmTraining(1, 0, 5, 7).train(x, label, 1, null);
        double[][] mined = new SvmTraining(1, 3, 5, 7).train(x, label, 1, null);
        assertThat(wrongHard(noMining[0], x, positives, hard)).isGreaterThan(0);
        assertThat(wrongHard(mined[0], x, positives, hard)).isZero();
    }

    @Test
    void aClassWithoutPositivesIsNeverChosen() {
        float[][] x = {{1, 0}, {0, 1}};
        byte[][] label = {{1, -1}, {-1, -1}};
        double[][] w = new SvmTraining(1, 1, 10, 1).train(x, label, 2, null);
        assertThat(HingeSvm.score(w[1], x[0])).isEqualTo(-10);
        assertThat(HingeSvm.score(w[1], x[1])).isEqualTo(-10);
    }

    private static int wrongHard(double[] w, float[][] x, int from, int count) {
        int wrong = 0;
        for (int i = from; i < from + count; i++) {
            wrong += HingeSvm.score(w, x[i]) >= 0 ? 1 : 0;
        }
        return wrong;
    }
}
