package org.seg4j.infer.region;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One linear SVM per class over standardised region features: the score of class {@code k} for a
 * feature vector {@code f} is {@code w_k . ((f - mean) / std) + b_k}; positive means the class.
 *
 * @param classes number of classes
 * @param dimension feature length
 * @param weights {@code classes x dimension}, row-major
 * @param bias one per class
 * @param mean per-feature mean of the training regions
 * @param std per-feature standard deviation of the training regions (no zeros)
 */
public record LinearSvms(
        @JsonProperty("classes") int classes,
        @JsonProperty("dimension") int dimension,
        @JsonProperty("weights") float[] weights,
        @JsonProperty("bias") float[] bias,
        @JsonProperty("mean") float[] mean,
        @JsonProperty("std") float[] std) {

    public LinearSvms {
        if (weights.length != classes * dimension || bias.length != classes || mean.length != dimension
                || std.length != dimension) {
            throw new IllegalArgumentException("SVM arrays do not match " + classes + " classes of " + dimension
                    + " features (weights " + weights.length + ", bias " + bias.length + ", mean " + mean.length
                    + ", std " + std.length + ")");
        }
    }

    /** {@code (f - mean) / std}. */
    public float[] standardise(float[] f) {
        float[] z = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            z[i] = (f[i] - mean[i]) / std[i];
        }
        return z;
    }

    /** The class scores of one raw (not standardised) feature vector. */
    public float[] scores(float[] f) {
        if (f.length != dimension) {
            throw new IllegalArgumentException("region features have " + f.length + " values, the SVMs expect "
                    + dimension);
        }
        float[] z = standardise(f);
        float[] s = new float[classes];
        for (int k = 0; k < classes; k++) {
            double v = bias[k];
            int o = k * dimension;
            for (int i = 0; i < dimension; i++) {
                v += weights[o + i] * z[i];
            }
            s[k] = (float) v;
        }
        return s;
    }
}
