package org.seg4j.data.instance;

/**
 * Panoptic-DeepLab training targets of one image, row-major float arrays of {@code width x height}
 * (offsets: two planes, y then x), as {@code org.seg4j.model.panoptic.CenterTargetGenerator} computes
 * them. Plain data, so that a {@link org.seg4j.data.Batch} can carry them.
 *
 * @param center centre heat map: the maximum over instances of a Gaussian at each instance's centre
 * @param offset per thing pixel, {@code centre - pixel}; plane 0 the y offset, plane 1 the x offset; 0 elsewhere
 * @param semanticWeight loss weight of the semantic head: 1, or the small-instance weight on small instances
 * @param centerWeight 1 where the centre loss counts (labelled, non-crowd pixels), else 0
 * @param offsetWeight 1 where the offset loss counts (non-crowd thing pixels; stuff too unless ignored), else 0
 * @param centers instance centres of mass as {@code {y, x}}, in instance order
 */
public record CenterTargets(int width, int height, float[] center, float[] offset, float[] semanticWeight,
        float[] centerWeight, float[] offsetWeight, double[][] centers) {

    public CenterTargets {
        int n = width * height;
        if (center.length != n || offset.length != 2 * n || semanticWeight.length != n || centerWeight.length != n
                || offsetWeight.length != n) {
            throw new IllegalArgumentException("target arrays do not match " + width + "x" + height);
        }
    }
}
