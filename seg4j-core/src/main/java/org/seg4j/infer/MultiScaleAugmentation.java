package org.seg4j.infer;

import java.util.ArrayList;
import java.util.List;
import org.seg4j.data.LabelMask;
import org.seg4j.data.RgbImage;

/**
 * Multi-scale test-time augmentation over any strategy: runs it at several input scales
 * ({@link ScaledInference}), brings each probability map back to the input's resolution and
 * averages them. Holds two full-resolution probability maps at a time.
 */
public final class MultiScaleAugmentation implements InferenceStrategy {

    private final List<ScaledInference> scales;

    /** Averages {@code inner} run at each of {@code scales} (factors of the input size). */
    public MultiScaleAugmentation(InferenceStrategy inner, List<Double> scales) {
        if (scales.isEmpty()) {
            throw new IllegalArgumentException("multi-scale augmentation needs at least one scale");
        }
        List<ScaledInference> list = new ArrayList<>(scales.size());
        for (double s : scales) {
            list.add(new ScaledInference(inner, s));
        }
        this.scales = List.copyOf(list);
    }

    @Override
    public Probabilities probabilities(RgbImage image) {
        Probabilities probs = scales.get(0).probabilities(image);
        if (scales.size() == 1) {
            return probs;
        }
        float[] sum = probs.data();
        for (int i = 1; i < scales.size(); i++) {
            float[] more = scales.get(i).probabilities(image).data();
            for (int j = 0; j < sum.length; j++) {
                sum[j] += more[j];
            }
        }
        float inv = 1f / scales.size();
        for (int j = 0; j < sum.length; j++) {
            sum[j] *= inv;
        }
        return probs;
    }

    /** The argmax of the averaged probabilities. */
    @Override
    public LabelMask classMap(RgbImage image) {
        return probabilities(image).argmax();
    }
}
