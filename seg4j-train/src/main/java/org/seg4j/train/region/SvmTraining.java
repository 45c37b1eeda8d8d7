package org.seg4j.train.region;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * One-vs-rest linear SVMs with R-CNN's hard-negative mining (Girshick et al. 2014, section 2.3,
 * after Felzenszwalb et al.'s DPM): each class starts from all its positive regions and a random
 * sample of its negatives; after each training round every negative is scored, those inside the
 * margin (score above -1) join the cache and cached ones far outside it (below {@link #EASY_MARGIN})
 * leave it, and the SVM is retrained, until a round finds no new hard
 * negative or {@code rounds} rounds have run. Positive and negative examples get penalties that
 * balance the two sets ({@code C * n / (2 n_positive)} and {@code C * n / (2 n_negative)} for a
 * cache of {@code n}).
 */
final class SvmTraining {

    /** Cached negatives scoring below this are dropped before the next round. */
    static final double EASY_MARGIN = -1.2;

    private final double c;
    private final int rounds;
    private final int initialNegatives;
    private final long seed;

    /**
     * @param c the SVM's C on standardised features
     * @param rounds hard-negative mining rounds after the first training (0 = no mining)
     * @param initialNegatives random negatives in the first cache (at least twice the positives)
     */
    SvmTraining(double c, int rounds, int initialNegatives, long seed) {
        this.c = c;
        this.rounds = rounds;
        this.initialNegatives = initialNegatives;
        this.seed = seed;
    }

    /**
     * Trains one SVM per class.
     *
     * @param x standardised feature rows
     * @param label per row and class: 1 positive, -1 negative, 0 ignored ({@code rows x classes})
     * @return per class {@code dimension + 1} values (weights, then bias)
     */
    double[][] train(float[][] x, byte[][] label, int classes, PrintStream log) {
        double[][] out = new double[classes][];
        Random random = new Random(seed);
        for (int k = 0; k < classes; k++) {
            List<Integer> pos = new ArrayList<>();
            List<Integer> neg = new ArrayList<>();
            for (int i = 0; i < x.length; i++) {
                if (label[i][k] > 0) {
                    pos.add(i);
                } else if (label[i][k] < 0) {
                    neg.add(i);
                }
            }
            if (pos.isEmpty()) {
                // never seen: a constant score below every margin, so the class is never chosen
                out[k] = new double[x.length == 0 ? 1 : x[0].length + 1];
                out[k][out[k].length - 1] = -10;
                log(log, "class %d: no positive region, scored -10 everywhere", k);
                continue;
            }
            java.util.Collections.shuffle(neg, random);
            Set<Integer> cache = new LinkedHashSet<>(neg.subList(0, Math.min(neg.size(),
                    Math.max(initialNegatives, 2 * pos.size()))));
            double[] w = fit(x, pos, cache, random);
            int round = 0;
            while (round < rounds) {
                round++;
                int added = 0;
                for (int i : neg) {
                    if (!cache.contains(i) && HingeSvm.score(w, x[i]) > -1) {
                        cache.add(i);
                        added++;
                    }
                }
                if (added == 0) {
                    break;
                }
                double[] current = w;
                cache.removeIf(i -> HingeSvm.score(current, x[i]) < EASY_MARGIN);
                w = fit(x, pos, cache, random);
                log(log, "class %d: mining round %d added %d hard negatives (cache %d)", k, round, added, cache.size());
            }
            out[k] = w;
            log(log, "class %d: %d positive, %d negative regions, %d in the final cache", k, pos.size(), neg.size(),
                    cache.size());
        }
        return out;
    }

    private double[] fit(float[][] x, List<Integer> pos, Set<Integer> cache, Random random) {
        int n = pos.size() + cache.size();
        int[] rows = new int[n];
        boolean[] positive = new boolean[n];
        int j = 0;
        for (int i : pos) {
            rows[j] = i;
            positive[j++] = true;
        }
        for (int i : cache) {
            rows[j++] = i;
        }
        double cPos = c * n / (2.0 * pos.size());
        double cNeg = cache.isEmpty() ? c : c * n / (2.0 * cache.size());
        return HingeSvm.train(x, rows, positive, cPos, cNeg, 0.1, 200, random);
    }

    private static void log(PrintStream log, String format, Object... args) {
        if (log != null) {
            log.println("seg4j: svm " + String.format(Locale.ROOT, format, args));
        }
    }
}
