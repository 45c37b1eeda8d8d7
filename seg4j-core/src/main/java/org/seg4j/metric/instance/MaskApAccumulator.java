package org.seg4j.metric.instance;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.seg4j.data.ClassMeta;

/**
 * {@code COCOeval.accumulate} and {@code summarize}: precision at the recall points and final
 * recall per threshold, class, area range and detection limit; -1 where a class has no non-crowd
 * ground truth, left out of the means.
 */
final class MaskApAccumulator {

    /** {@code np.spacing(1)}, which pycocotools adds to the precision's denominator. */
    private static final double EPS = Math.ulp(1.0);

    private MaskApAccumulator() {}

    static MaskApResult summarize(ClassMeta classes, List<List<List<ImageMatches>>> evaluated) {
        int tN = MaskAp.IOU_THRESHOLDS.length;
        int rN = MaskAp.RECALL_THRESHOLDS.length;
        int kN = classes.numClasses();
        int aN = MaskAp.AREA_RANGES.length;
        int mN = MaskAp.MAX_DETS.length;
        double[][][][][] precision = new double[tN][rN][kN][aN][mN];
        double[][][][] recall = new double[tN][kN][aN][mN];
        for (double[][][][] p : precision) {
            for (double[][][] q : p) {
                for (double[][] r : q) {
                    for (double[] s : r) {
                        Arrays.fill(s, -1);
                    }
                }
            }
        }
        for (double[][][] p : recall) {
            for (double[][] q : p) {
                for (double[] r : q) {
                    Arrays.fill(r, -1);
                }
            }
        }
        for (int k = 0; k < kN; k++) {
            for (int a = 0; a < aN; a++) {
                List<ImageMatches> images = evaluated.get(k).get(a);
                if (images.isEmpty()) {
                    continue;
                }
                for (int m = 0; m < mN; m++) {
                    accumulate(images, MaskAp.MAX_DETS[m], k, a, m, precision, recall);
                }
            }
        }
        double[] stats = {
            mean(precision, -1, 0, 2), mean(precision, 0, 0, 2), mean(precision, 5, 0, 2),
            mean(precision, -1, 1, 2), mean(precision, -1, 2, 2), mean(precision, -1, 3, 2),
            meanRecall(recall, 0, 0), meanRecall(recall, 0, 1), meanRecall(recall, 0, 2),
            meanRecall(recall, 1, 2), meanRecall(recall, 2, 2), meanRecall(recall, 3, 2)};
        List<Double> perClass = new ArrayList<>();
        for (int k = 0; k < kN; k++) {
            double sum = 0;
            int n = 0;
            for (int t = 0; t < tN; t++) {
                for (int r = 0; r < rN; r++) {
                    double v = precision[t][r][k][0][mN - 1];
                    if (v > -1) {
                        sum += v;
                        n++;
                    }
                }
            }
            perClass.add(n == 0 ? -1 : sum / n);
        }
        return new MaskApResult(stats, perClass);
    }

    private static void accumulate(List<ImageMatches> images, int maxDet, int k, int a, int m,
            double[][][][][] precision, double[][][][] recall) {
        int total = 0;
        int npig = 0;
        for (ImageMatches e : images) {
            total += Math.min(maxDet, e.scores().length);
            for (boolean ig : e.gtIgnored()) {
                npig += ig ? 0 : 1;
            }
        }
        if (npig == 0) {
            return;
        }
        double[] scores = new double[total];
        int[] imageOf = new int[total];
        int[] indexIn = new int[total];
        int p = 0;
        for (int i = 0; i < images.size(); i++) {
            ImageMatches e = images.get(i);
            for (int d = 0; d < Math.min(maxDet, e.scores().length); d++) {
                scores[p] = e.scores()[d];
                imageOf[p] = i;
                indexIn[p++] = d;
            }
        }
        Integer[] order = new Integer[total];
        for (int i = 0; i < total; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(scores[y], scores[x])); // stable, like a mergesort
        for (int t = 0; t < MaskAp.IOU_THRESHOLDS.length; t++) {
            double[] pr = new double[total];
            double[] rc = new double[total];
            double tp = 0;
            double fp = 0;
            for (int i = 0; i < total; i++) {
                ImageMatches e = images.get(imageOf[order[i]]);
                int d = indexIn[order[i]];
                if (!e.ignored()[t][d]) {
                    if (e.matched()[t][d]) {
                        tp++;
                    } else {
                        fp++;
                    }
                }
                rc[i] = tp / npig;
                pr[i] = tp / (fp + tp + EPS);
            }
            recall[t][k][a][m] = total > 0 ? rc[total - 1] : 0;
            for (int i = total - 1; i > 0; i--) {
                if (pr[i] > pr[i - 1]) {
                    pr[i - 1] = pr[i];
                }
            }
            int i = 0;
            for (int r = 0; r < MaskAp.RECALL_THRESHOLDS.length; r++) {
                while (i < total && rc[i] < MaskAp.RECALL_THRESHOLDS[r]) {
                    i++;
                }
                precision[t][r][k][a][m] = i < total ? pr[i] : 0;
            }
        }
    }

    private static double mean(double[][][][][] precision, int threshold, int a, int m) {
        double sum = 0;
        long n = 0;
        for (int t = 0; t < precision.length; t++) {
            if (threshold >= 0 && t != threshold) {
                continue;
            }
            for (double[][][] byClass : precision[t]) {
                for (double[][] k : byClass) {
                    if (k[a][m] > -1) {
                        sum += k[a][m];
                        n++;
                    }
                }
            }
        }
        return n == 0 ? -1 : sum / n;
    }

    private static double meanRecall(double[][][][] recall, int a, int m) {
        double sum = 0;
        long n = 0;
        for (double[][][] t : recall) {
            for (double[][] k : t) {
                double v = k[a][m];
                if (v > -1) {
                    sum += v;
                    n++;
                }
            }
        }
        return n == 0 ? -1 : sum / n;
    }
}
