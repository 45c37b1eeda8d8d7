package org.seg4j.model.instance.maskrcnn;

/**
 * Anchors of a feature pyramid, as torchvision's {@code AnchorGenerator}: per level one size and
 * several aspect ratios (height / width); the base anchors {@code round([-w, -h, w, h] / 2)} with
 * {@code h = size·sqrt(r)}, {@code w = size/sqrt(r)} (rounded half to even, as {@code
 * torch.round}) are shifted to every feature pixel {@code (x·stride, y·stride)}. Order: level,
 * then row, column, then ratio, which is the order in which the RPN head's outputs are flattened.
 */
public final class AnchorGenerator {

    private final int[] sizes;
    private final float[] ratios;

    /**
     * @param sizes anchor size of each pyramid level, in input pixels
     * @param ratios aspect ratios (height / width), the same on every level
     */
    public AnchorGenerator(int[] sizes, float[] ratios) {
        if (sizes.length == 0 || ratios.length == 0) {
            throw new IllegalArgumentException("anchor sizes and aspect ratios must not be empty");
        }
        this.sizes = sizes.clone();
        this.ratios = ratios.clone();
    }

    /** Anchors per feature pixel. */
    public int anchorsPerLocation() {
        return ratios.length;
    }

    /** Number of pyramid levels. */
    public int levels() {
        return sizes.length;
    }

    /**
     * All anchors, {@code [sum_l H_l·W_l·A, 4]} flattened.
     *
     * @param featureSizes {@code {height, width}} of each level's feature map
     * @param strides each level's stride (input size / feature size)
     */
    public float[] anchors(int[][] featureSizes, int[] strides) {
        if (featureSizes.length != sizes.length || strides.length != sizes.length) {
            throw new IllegalArgumentException("anchor generator has " + sizes.length + " levels, got "
                    + featureSizes.length + " feature maps and " + strides.length + " strides");
        }
        int total = 0;
        for (int[] f : featureSizes) {
            total += f[0] * f[1] * ratios.length;
        }
        float[] out = new float[total * 4];
        int o = 0;
        for (int l = 0; l < sizes.length; l++) {
            float[] base = new float[ratios.length * 4];
            for (int r = 0; r < ratios.length; r++) {
                double hRatio = Math.sqrt(ratios[r]);
                double ws = (1.0 / hRatio) * sizes[l];
                double hs = hRatio * sizes[l];
                base[r * 4] = (float) Math.rint(-ws / 2);
                base[r * 4 + 1] = (float) Math.rint(-hs / 2);
                base[r * 4 + 2] = (float) Math.rint(ws / 2);
                base[r * 4 + 3] = (float) Math.rint(hs / 2);
            }
            for (int y = 0; y < featureSizes[l][0]; y++) {
                for (int x = 0; x < featureSizes[l][1]; x++) {
                    float sx = (float) x * strides[l];
                    float sy = (float) y * strides[l];
                    for (int r = 0; r < ratios.length; r++) {
                        out[o++] = sx + base[r * 4];
                        out[o++] = sy + base[r * 4 + 1];
                        out[o++] = sx + base[r * 4 + 2];
                        out[o++] = sy + base[r * 4 + 3];
                    }
                }
            }
        }
        return out;
    }
}
