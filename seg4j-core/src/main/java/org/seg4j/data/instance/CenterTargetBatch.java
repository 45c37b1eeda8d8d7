package org.seg4j.data.instance;

import java.util.List;

/**
 * The {@link CenterTargets} of a batch's samples packed in the network's layout (NCHW, samples one
 * after another): what the panoptic loss reads.
 *
 * @param center {@code N x 1 x H x W} centre heat maps
 * @param offset {@code N x 2 x H x W} offsets (y plane, then x)
 * @param semanticWeight {@code N x H x W} per-pixel weights of the semantic loss
 * @param centerWeight {@code N x H x W} weights of the centre loss
 * @param offsetWeight {@code N x H x W} weights of the offset loss
 */
public record CenterTargetBatch(float[] center, float[] offset, float[] semanticWeight, float[] centerWeight,
        float[] offsetWeight) {

    public CenterTargetBatch {
        int n = center.length;
        if (offset.length != 2 * n || semanticWeight.length != n || centerWeight.length != n
                || offsetWeight.length != n) {
            throw new IllegalArgumentException("centre target arrays of a batch do not match in size");
        }
    }

    /** Packs the targets of samples of one size, in batch order. */
    public static CenterTargetBatch of(List<CenterTargets> targets) {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one sample");
        }
        int plane = targets.get(0).width() * targets.get(0).height();
        int n = targets.size();
        float[] center = new float[n * plane];
        float[] offset = new float[2 * n * plane];
        float[] sw = new float[n * plane];
        float[] cw = new float[n * plane];
        float[] ow = new float[n * plane];
        for (int i = 0; i < n; i++) {
            CenterTargets t = targets.get(i);
            if (t.width() * t.height() != plane) {
                throw new IllegalArgumentException("centre targets of one batch differ in size");
            }
            System.arraycopy(t.center(), 0, center, i * plane, plane);
            System.arraycopy(t.offset(), 0, offset, 2 * i * plane, 2 * plane);
            System.arraycopy(t.semanticWeight(), 0, sw, i * plane, plane);
            System.arraycopy(t.centerWeight(), 0, cw, i * plane, plane);
            System.arraycopy(t.offsetWeight(), 0, ow, i * plane, plane);
        }
        return new CenterTargetBatch(center, offset, sw, cw, ow);
    }
}
