package org.seg4j.infer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;

/**
 * Several images with as few forward passes as possible: images that run whole (not tiled) and
 * have the same size at network resolution are stacked into one {@code N x 3 x h x w} pass; the
 * others go through the full strategy one by one. Results are in input order and equal those of
 * the strategy image by image, up to batch-dependent floating-point rounding.
 *
 * <p>Memory: the network's activations for the largest group plus {@code N * classes * h * w}
 * floats of scores.
 */
public final class BatchInference {

    private final InferenceStrategy strategy;
    private final WholeImageInference whole;
    private final AdaptiveInference adaptive;
    private final ScaledInference scaling;
    private final boolean batchable;

    /**
     * @param strategy what one image goes through ({@code adaptive} at {@code scale}, possibly augmented)
     * @param whole the whole-image strategy that batched groups use
     * @param adaptive tells which images (at network resolution) are tiled
     * @param scale input scale of the network
     * @param batchable {@code false} when {@code strategy} does more than {@code adaptive} at {@code
     *     scale} (multi-scale, CRF): then every image goes through {@code strategy} alone
     */
    public BatchInference(InferenceStrategy strategy, WholeImageInference whole, AdaptiveInference adaptive,
            double scale, boolean batchable) {
        this(strategy, whole, adaptive, new ScaledInference(adaptive, scale), batchable);
    }

    /**
     * @param scaling how images are brought to network resolution (by a factor or to a fixed size)
     *     before {@code adaptive}; the other parameters as in the constructor with a scale
     */
    public BatchInference(InferenceStrategy strategy, WholeImageInference whole, AdaptiveInference adaptive,
            ScaledInference scaling, boolean batchable) {
        this.strategy = Objects.requireNonNull(strategy, "strategy");
        this.whole = Objects.requireNonNull(whole, "whole");
        this.adaptive = Objects.requireNonNull(adaptive, "adaptive");
        this.scaling = Objects.requireNonNull(scaling, "scaling");
        this.batchable = batchable;
    }

    /** Class maps at each input's resolution. */
    public List<LabelMask> classMaps(List<RgbImage> images) {
        LabelMask[] out = new LabelMask[images.size()];
        run(images, false, i -> out[i] = strategy.classMap(images.get(i)), (i, scaled, p) -> {
            RgbImage original = images.get(i);
            out[i] = scaled == original ? p.argmax()
                    : ScaledInference.upsampledArgmax(p, original.width(), original.height());
        });
        return List.of(out);
    }

    /** Class probabilities at each input's resolution. */
    public List<Probabilities> probabilities(List<RgbImage> images) {
        Probabilities[] out = new Probabilities[images.size()];
        run(images, true, i -> out[i] = strategy.probabilities(images.get(i)),
                (i, scaled, p) -> out[i] = ScaledInference.toInputSize(p, scaled, images.get(i)));
        return List.of(out);
    }

    private interface Alone {
        void run(int index);
    }

    private interface Batched {
        void accept(int index, RgbImage scaled, Probabilities scores);
    }

    private void run(List<RgbImage> images, boolean probabilities, Alone alone, Batched batched) {
        Map<Long, List<Integer>> groups = new LinkedHashMap<>();
        List<RgbImage> scaled = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            RgbImage s = batchable ? scaling.scaledInput(images.get(i)) : images.get(i);
            scaled.add(s);
            if (!batchable || adaptive.isTiled(s)) {
                alone.run(i);
            } else {
                groups.computeIfAbsent(((long) s.width() << 32) | s.height(), k -> new ArrayList<>()).add(i);
            }
        }
        for (List<Integer> group : groups.values()) {
            List<RgbImage> inputs = new ArrayList<>(group.size());
            for (int i : group) {
                inputs.add(scaled.get(i));
            }
            // upsampling interpolates probabilities; a class map at network resolution needs only logits
            boolean softmax = probabilities || group.stream().anyMatch(i -> scaled.get(i) != images.get(i));
            List<Probabilities> scores = whole.scoresOfBatch(inputs, softmax);
            for (int b = 0; b < group.size(); b++) {
                int i = group.get(b);
                batched.accept(i, scaled.get(i), scores.get(b));
            }
        }
    }
}
