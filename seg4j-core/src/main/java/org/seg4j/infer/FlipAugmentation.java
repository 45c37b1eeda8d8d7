package org.seg4j.infer;

import java.util.Objects;

/**
 * Horizontal-flip test-time augmentation over any forward pass: every pass also runs the
 * horizontally flipped input, flips its probabilities back and averages the two maps. Because it
 * wraps the pass, every strategy over it (whole image, each tile of a sliding window, each scale)
 * is flip-augmented. Twice the compute; the result is always probabilities.
 */
public final class FlipAugmentation implements ForwardPass {

    private final ForwardPass inner;

    /** Flip-augments {@code inner}. */
    public FlipAugmentation(ForwardPass inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    @Override
    public int numClasses() {
        return inner.numClasses();
    }

    @Override
    public float[] run(float[] input, int n, int h, int w, boolean probabilities) {
        float[] probs = inner.run(input, n, h, w, true);
        float[] mirrored = inner.run(flipRows(input, n * 3, h, w), n, h, w, true);
        int planes = n * inner.numClasses();
        for (int p = 0; p < planes; p++) {
            for (int y = 0; y < h; y++) {
                int row = (p * h + y) * w;
                for (int x = 0; x < w; x++) {
                    probs[row + x] = (probs[row + x] + mirrored[row + w - 1 - x]) / 2f;
                }
            }
        }
        return probs;
    }

    /** The first {@code planes} planes of {@code h x w} in {@code data}, each mirrored left to right. */
    static float[] flipRows(float[] data, int planes, int h, int w) {
        float[] out = new float[planes * h * w];
        for (int r = 0; r < planes * h; r++) {
            int row = r * w;
            for (int x = 0; x < w; x++) {
                out[row + x] = data[row + w - 1 - x];
            }
        }
        return out;
    }
}
