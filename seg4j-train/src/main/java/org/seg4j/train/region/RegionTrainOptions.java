package org.seg4j.train.region;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seg4j.Seg4jException;
import org.seg4j.data.region.SelectiveSearch;

/**
 * The settings of a region-based model ({@code seg4j train --model regions --model-option
 * KEY=VALUE}). An unknown key or a bad value is an error naming it and listing the valid keys.
 *
 * @param proposals selective search preset: {@code fast} (default), {@code single} or {@code quality}
 * @param maxProposals proposals kept per image, -1 for the preset's own cap (2,000 for fast)
 * @param featureStride the encoder stage pooled: the deepest with at most this reduction (default 8)
 * @param regionsPerImage training regions kept per image, those with a positive label first (default 300)
 * @param positiveShare a region is a positive of class k when at least this share of its labelled
 *     pixels is k (default 0.7)
 * @param negativeShare a negative of class k when the share is below this (default 0.3)
 * @param maxVoid regions more void than this are left out of training (default 0.5)
 * @param svmC the SVMs' C on standardised features (default 0.1)
 * @param miningRounds hard-negative mining rounds (default 3)
 * @param initialNegatives random negatives in each class's first cache (default 2,000)
 * @param encoderNetwork without {@code --init}: the architecture whose freshly initialised encoder
 *     describes the regions (default {@code unet}; the encoder and width come from {@code --encoder}
 *     and {@code --width})
 */
public record RegionTrainOptions(String proposals, int maxProposals, int featureStride, int regionsPerImage,
        double positiveShare, double negativeShare, double maxVoid, double svmC, int miningRounds,
        int initialNegatives, String encoderNetwork) {

    /** The valid keys, in the order above. */
    public static final List<String> KEYS = List.of("proposals", "max_proposals", "feature_stride",
            "regions_per_image", "positive_share", "negative_share", "max_void", "svm_c", "mining_rounds",
            "initial_negatives", "encoder_network");

    public RegionTrainOptions {
        SelectiveSearch.preset(proposals, maxProposals); // validates the preset
        check(featureStride >= 1, "feature_stride", "at least 1");
        check(regionsPerImage >= 1, "regions_per_image", "at least 1");
        check(positiveShare > 0 && positiveShare <= 1, "positive_share", "in (0, 1]");
        check(negativeShare >= 0 && negativeShare <= positiveShare, "negative_share", "in [0, positive_share]");
        check(maxVoid >= 0 && maxVoid <= 1, "max_void", "in [0, 1]");
        check(svmC > 0, "svm_c", "positive");
        check(miningRounds >= 0, "mining_rounds", "at least 0");
        check(initialNegatives >= 1, "initial_negatives", "at least 1");
        if (!org.seg4j.model.ModelRegistry.isRegistered(encoderNetwork)) {
            throw new Seg4jException("model option encoder_network: unknown model '" + encoderNetwork
                    + "'; available: " + String.join(", ", org.seg4j.model.ModelRegistry.names()));
        }
    }

    /** The defaults. */
    public static RegionTrainOptions defaults() {
        return new RegionTrainOptions("fast", -1, 8, 300, 0.7, 0.3, 0.5, 0.1, 3, 2000, "unet");
    }

    /** The defaults with {@code values} on top (keys as in {@link #KEYS}). */
    public static RegionTrainOptions parse(Map<String, String> values) {
        Map<String, String> v = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (!KEYS.contains(e.getKey())) {
                throw new Seg4jException("unknown option '" + e.getKey() + "' for model regions; valid: "
                        + String.join(", ", KEYS));
            }
            v.put(e.getKey(), e.getValue().trim());
        }
        RegionTrainOptions d = defaults();
        return new RegionTrainOptions(v.getOrDefault("proposals", d.proposals()),
                integer(v, "max_proposals", d.maxProposals()), integer(v, "feature_stride", d.featureStride()),
                integer(v, "regions_per_image", d.regionsPerImage()), real(v, "positive_share", d.positiveShare()),
                real(v, "negative_share", d.negativeShare()), real(v, "max_void", d.maxVoid()),
                real(v, "svm_c", d.svmC()), integer(v, "mining_rounds", d.miningRounds()),
                integer(v, "initial_negatives", d.initialNegatives()),
                v.getOrDefault("encoder_network", d.encoderNetwork()));
    }

    /** The settings as strings, for the manifest's model options. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("proposals", proposals);
        m.put("max_proposals", String.valueOf(maxProposals));
        m.put("feature_stride", String.valueOf(featureStride));
        m.put("regions_per_image", String.valueOf(regionsPerImage));
        m.put("positive_share", String.valueOf(positiveShare));
        m.put("negative_share", String.valueOf(negativeShare));
        m.put("max_void", String.valueOf(maxVoid));
        m.put("svm_c", String.valueOf(svmC));
        m.put("mining_rounds", String.valueOf(miningRounds));
        m.put("initial_negatives", String.valueOf(initialNegatives));
        m.put("encoder_network", encoderNetwork);
        return m;
    }

    private static int integer(Map<String, String> v, String key, int fallback) {
        String s = v.get(key);
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            throw new Seg4jException("model option " + key + " must be an integer, got '" + s + "'");
        }
    }

    private static double real(Map<String, String> v, String key, double fallback) {
        String s = v.get(key);
        try {
            return s == null ? fallback : Double.parseDouble(s);
        } catch (NumberFormatException e) {
            throw new Seg4jException("model option " + key + " must be a number, got '" + s + "'");
        }
    }

    private static void check(boolean ok, String key, String rule) {
        if (!ok) {
            throw new Seg4jException("model option " + key + " must be " + rule);
        }
    }
}
