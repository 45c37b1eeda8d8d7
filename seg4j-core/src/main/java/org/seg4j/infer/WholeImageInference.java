package org.seg4j.infer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;
import org.seg4j.transform.Normalization;

/**
 * Whole-image inference: normalise the image and run it through the network in one forward pass
 * (MMSegmentation's {@code whole_inference}). The network's activations grow with the image's
 * pixels, so large images belong to {@link SlidingWindowInference}.
 */
public final class WholeImageInference implements InferenceStrategy {

    private final Normalization normalization;
    private final ForwardPass pass;

    /** Runs images through {@code pass} after {@code normalization}. */
    public WholeImageInference(Normalization normalization, ForwardPass pass) {
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        this.pass = Objects.requireNonNull(pass, "pass");
    }

    @Override
    public Probabilities probabilities(RgbImage image) {
        return scores(image, true);
    }

    /** The argmax of the logits, which is the argmax of the probabilities. */
    @Override
    public LabelMask classMap(RgbImage image) {
        return scores(image, false).argmax();
    }

    private Probabilities scores(RgbImage image, boolean probabilities) {
        float[] s = pass.run(normalization.toChw(image), 1, image.height(), image.width(), probabilities);
        return new Probabilities(pass.numClasses(), image.width(), image.height(), s);
    }

    /**
     * Scores of several images of one size in a single forward pass of {@code N x 3 x h x w}, in
     * input order; equal to image-by-image results up to batch-dependent rounding.
     *
     * @param probabilities {@code false}: scores that serve only for an argmax (see {@link ForwardPass#run})
     */
    public List<Probabilities> scoresOfBatch(List<RgbImage> images, boolean probabilities) {
        RgbImage first = images.get(0);
        int w = first.width();
        int h = first.height();
        int n = images.size();
        int chw = 3 * w * h;
        float[] input = new float[Math.multiplyExact(n, chw)];
        for (int b = 0; b < n; b++) {
            RgbImage image = images.get(b);
            if (image.width() != w || image.height() != h) {
                throw new IllegalArgumentException("a batch needs images of one size: " + w + "x" + h + " and "
                        + image.width() + "x" + image.height());
            }
            normalization.toChw(image, input, b * chw);
        }
        float[] scores = pass.run(input, n, h, w, probabilities);
        int classes = pass.numClasses();
        int plane = classes * w * h;
        List<Probabilities> out = new ArrayList<>(n);
        for (int b = 0; b < n; b++) {
            float[] one = n == 1 ? scores : Arrays.copyOfRange(scores, b * plane, (b + 1) * plane);
            out.add(new Probabilities(classes, w, h, one));
        }
        return out;
    }
}
