package org.seg4j.transform;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.seg4j.data.Sample;

/**
 * Transforms applied in order, sharing one generator (so the whole pipeline is reproducible from
 * the generator's seed). An empty pipeline returns its input unchanged.
 *
 * <pre>{@code
 * TransformPipeline train = TransformPipeline.builder()
 *         .add(new RandomScale(0.75, 1.5))
 *         .add(new RandomCrop(96, 128))
 *         .add(new HorizontalFlip(0.5))
 *         .add(new ColorJitter(0.3, 0.3, 0.3, 0.02))
 *         .build();
 * }</pre>
 */
public final class TransformPipeline implements JointTransform {

    private final List<JointTransform> steps;

    private TransformPipeline(List<JointTransform> steps) {
        this.steps = List.copyOf(steps);
    }

    /** A builder for a pipeline. */
    public static Builder builder() {
        return new Builder();
    }

    /** A pipeline of the given steps, in order. */
    public static TransformPipeline of(JointTransform... steps) {
        return new TransformPipeline(List.of(steps));
    }

    /** The pipeline that changes nothing. */
    public static TransformPipeline identity() {
        return new TransformPipeline(List.of());
    }

    /** The steps, in order. */
    public List<JointTransform> steps() {
        return steps;
    }

    @Override
    public Sample apply(Sample sample, RandomGenerator rng) {
        Sample s = sample;
        for (JointTransform t : steps) {
            s = t.apply(s, rng);
        }
        return s;
    }

    @Override
    public String toString() {
        return "TransformPipeline" + steps;
    }

    /** Collects the steps of a {@link TransformPipeline}. */
    public static final class Builder {

        private final List<JointTransform> steps = new ArrayList<>();

        private Builder() {}

        /** Appends a step. */
        public Builder add(JointTransform step) {
            if (step == null) {
                throw new IllegalArgumentException("pipeline step must not be null");
            }
            steps.add(step);
            return this;
        }

        /** Appends a step only when {@code condition} holds (handy for optional augmentations). */
        public Builder addIf(boolean condition, JointTransform step) {
            return condition ? add(step) : this;
        }

        /** The pipeline. */
        public TransformPipeline build() {
            return new TransformPipeline(steps);
        }
    }
}
