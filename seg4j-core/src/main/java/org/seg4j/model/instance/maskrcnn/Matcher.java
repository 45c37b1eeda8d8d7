package org.seg4j.model.instance.maskrcnn;

/**
 * Assigns each candidate box (anchor or proposal) to a ground-truth box from their IoU matrix, as
 * torchvision's {@code det_utils.Matcher}: the best ground truth when its IoU reaches the high
 * threshold; {@link #BELOW_LOW} under the low threshold (background); {@link #BETWEEN} in between
 * (ignored). With low-quality matches allowed (the RPN), each ground truth also keeps the
 * candidates of its highest IoU (ties included), so that no object is left without a positive.
 */
public final class Matcher {

    /** Match value of a background candidate. */
    public static final int BELOW_LOW = -1;

    /** Match value of an ignored candidate. */
    public static final int BETWEEN = -2;

    private final float high;
    private final float low;
    private final boolean allowLowQuality;

    /** A matcher; {@code low <= high}. */
    public Matcher(float high, float low, boolean allowLowQuality) {
        if (low > high) {
            throw new IllegalArgumentException("matcher low threshold " + low + " is above high " + high);
        }
        this.high = high;
        this.low = low;
        this.allowLowQuality = allowLowQuality;
    }

    /**
     * @param iou row-major {@code [G, K]} IoU of ground truth g with candidate k
     * @return for each candidate a ground-truth index, {@link #BELOW_LOW} or {@link #BETWEEN}
     */
    public int[] match(float[] iou, int numGt, int numCandidates) {
        int[] matches = new int[numCandidates];
        if (numGt == 0) {
            java.util.Arrays.fill(matches, BELOW_LOW);
            return matches;
        }
        for (int k = 0; k < numCandidates; k++) {
            int best = 0;
            float bestIou = iou[k];
            for (int g = 1; g < numGt; g++) {
                if (iou[g * numCandidates + k] > bestIou) {
                    bestIou = iou[g * numCandidates + k];
                    best = g;
                }
            }
            matches[k] = bestIou < low ? BELOW_LOW : bestIou < high ? BETWEEN : best;
        }
        if (allowLowQuality) {
            for (int g = 0; g < numGt; g++) {
                float max = 0;
                for (int k = 0; k < numCandidates; k++) {
                    max = Math.max(max, iou[g * numCandidates + k]);
                }
                for (int k = 0; k < numCandidates; k++) {
                    if (iou[g * numCandidates + k] == max) {
                        // torchvision restores the candidate's own best match, not necessarily g
                        int best = 0;
                        for (int h = 1; h < numGt; h++) {
                            if (iou[h * numCandidates + k] > iou[best * numCandidates + k]) {
                                best = h;
                            }
                        }
                        matches[k] = best;
                    }
                }
            }
        }
        return matches;
    }
}
