package org.seg4j.infer;

/**
 * One forward pass of a segmentation network over a batch of normalised images, as every
 * inference strategy sees it: floats in, class scores at the input's size out. Implementations are
 * the network itself ({@link NetworkForward}) and wrappers that change what one pass computes
 * ({@link FlipAugmentation}).
 */
public interface ForwardPass {

    /** Number of classes (channels of the output). */
    int numClasses();

    /**
     * Runs {@code n} normalised CHW images of {@code h x w} (the first {@code n * 3 * h * w} floats of
     * {@code input}, which is not modified) and returns {@code n x classes x h x w} scores.
     *
     * @param probabilities {@code true}: softmax probabilities; {@code false}: any scores whose
     *     per-pixel argmax is the class map (raw logits where the pass allows it)
     */
    float[] run(float[] input, int n, int h, int w, boolean probabilities);
}
