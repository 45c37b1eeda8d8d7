package org.seg4j.data.sampling;

import java.util.Locale;
import org.seg4j.data.SampleSource;

/** One log line about class-aware sampling weights: how uneven they are and the most drawn image. */
public final class SamplingSummary {

    private SamplingSummary() {}

    /**
     * E.g. {@code class-balanced sampling: expected draws per epoch 0.12..4.80 (most: 0016E5_07959)}.
     *
     * @param weights per-image weights, indexed like {@code source}
     */
    public static String describe(SamplingMode mode, double[] weights, SampleSource source) {
        double sum = 0;
        for (double w : weights) {
            sum += w;
        }
        int n = weights.length;
        int argMax = 0;
        int argMin = 0;
        int never = 0;
        for (int i = 0; i < n; i++) {
            argMax = weights[i] > weights[argMax] ? i : argMax;
            argMin = weights[i] < weights[argMin] ? i : argMin;
            never += n * weights[i] / sum < 1e-9 ? 1 : 0;
        }
        return String.format(Locale.ROOT,
                "%s sampling: expected draws per image and epoch %.2f..%.2f (most: %s)%s",
                mode.configName(), n * weights[argMin] / sum, n * weights[argMax] / sum, source.id(argMax),
                never > 0 ? ", " + never + " images never drawn" : "");
    }
}
