package org.seg4j.metric.instance;

import java.util.HashMap;
import java.util.Map;

/**
 * The foreground-restricted Rand and information-theoretic scores of the ISBI 2012 EM segmentation
 * challenge (Arganda-Carreras et al., "Crowdsourcing the creation of image segmentation
 * algorithms for connectomics", Front. Neuroanat. 2015), for one image.
 *
 * <p>T is the ground-truth labelling, S the predicted one; label 0 is boundary (membrane) in both.
 * Only pixels inside ground-truth objects (T &ne; 0) count, n of them; p_ij is the fraction of
 * them labelled i in T and j in S, t_i and s_j the marginals. Predicted boundary pixels (S = 0)
 * inside ground-truth objects count as singletons, each its own segment, so a prediction cannot
 * score by drawing boundary everywhere. Then
 *
 * <ul>
 *   <li>V<sup>Rand</sup> split = &Sigma;p_ij&sup2; / &Sigma;t_i&sup2;, merge = &Sigma;p_ij&sup2; /
 *       &Sigma;s_j&sup2;, V<sup>Rand</sup> = their harmonic mean, Rand error = 1 - V<sup>Rand</sup>;</li>
 *   <li>V<sup>Info</sup> split = I(S;T) / H(S), merge = I(S;T) / H(T), V<sup>Info</sup> = their
 *       harmonic mean = 2 I / (H(S) + H(T)); a ratio 0/0 (one segment) is 1;</li>
 *   <li>the variation of information VI = H(S|T) + H(T|S) (natural logarithm).</li>
 * </ul>
 *
 * <p>The challenge's script also thins predicted boundaries and keeps the best threshold of a
 * probability map; callers pass a labelling (see
 * {@link org.seg4j.data.instance.ConnectedComponents} for a binary map).
 *
 * @param randSplit V^Rand split score
 * @param randMerge V^Rand merge score
 * @param vRand V^Rand (F-score)
 * @param infoSplit V^Info split score
 * @param infoMerge V^Info merge score
 * @param vInfo V^Info (F-score)
 * @param variationOfInformation H(S|T) + H(T|S), in nats
 */
public record ForegroundRestrictedScores(double randSplit, double randMerge, double vRand, double infoSplit,
        double infoMerge, double vInfo, double variationOfInformation) {

    /** 1 - V^Rand, the challenge's Rand error. */
    public double randError() {
        return 1 - vRand;
    }

    /** 1 - V^Info, the challenge's information-theoretic error. */
    public double infoError() {
        return 1 - vInfo;
    }

    /**
     * The scores of one image.
     *
     * @param truth ground-truth object labels per pixel, 0 for boundary
     * @param predicted predicted object labels per pixel, 0 for boundary
     * @throws IllegalArgumentException if the sizes differ or the ground truth has no object pixel
     */
    public static ForegroundRestrictedScores of(int[] truth, int[] predicted) {
        if (truth.length != predicted.length) {
            throw new IllegalArgumentException("prediction has " + predicted.length + " pixels, ground truth "
                    + truth.length);
        }
        Map<Long, Long> joint = new HashMap<>();
        Map<Integer, Long> rows = new HashMap<>();
        Map<Integer, Long> columns = new HashMap<>();
        long n = 0;
        long singletons = 0;
        for (int k = 0; k < truth.length; k++) {
            if (truth[k] == 0) {
                continue;
            }
            n++;
            rows.merge(truth[k], 1L, Long::sum);
            if (predicted[k] == 0) {
                singletons++;
            } else {
                joint.merge(((long) truth[k] << 32) | (predicted[k] & 0xFFFFFFFFL), 1L, Long::sum);
                columns.merge(predicted[k], 1L, Long::sum);
            }
        }
        if (n == 0) {
            throw new IllegalArgumentException("the ground truth has no object pixel (all boundary)");
        }
        double sumP2 = squares(joint.values()) + singletons;
        double sumT2 = squares(rows.values());
        double sumS2 = squares(columns.values()) + singletons;
        double randSplit = sumP2 / sumT2;
        double randMerge = sumP2 / sumS2;
        double singletonEntropy = singletons * Math.log(n) / n;
        double hT = entropy(rows.values(), n);
        double hS = entropy(columns.values(), n) + singletonEntropy;
        double hST = entropy(joint.values(), n) + singletonEntropy;
        double info = hS + hT - hST;
        return new ForegroundRestrictedScores(randSplit, randMerge, harmonic(randSplit, randMerge),
                ratio(info, hS), ratio(info, hT), ratio(2 * info, hS + hT), 2 * hST - hS - hT);
    }

    private static double squares(Iterable<Long> counts) {
        double s = 0;
        for (long c : counts) {
            s += (double) c * c;
        }
        return s;
    }

    private static double entropy(Iterable<Long> counts, long n) {
        double h = 0;
        for (long c : counts) {
            double p = (double) c / n;
            h -= p * Math.log(p);
        }
        return h;
    }

    private static double ratio(double a, double b) {
        return b == 0 ? 1 : a / b;
    }

    private static double harmonic(double a, double b) {
        return a + b == 0 ? 0 : 2 * a * b / (a + b);
    }
}
