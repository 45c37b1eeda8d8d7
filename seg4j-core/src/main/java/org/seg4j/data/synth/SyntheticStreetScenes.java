package org.seg4j.data.synth;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.data.instance.PanopticAnnotation;

/**
 * Synthetic street scenes with exact masks over the classes of {@link StreetClasses}: sky, building,
 * road, pavement, tree, car and pedestrian. Scenes have a perspective layout (sky above a row of
 * buildings with windows, a road with lane markings between pavements) with trees, cars and
 * pedestrians scaled by their distance, textured surfaces, cast shadows, random lighting and
 * sensor noise. Colours vary within each class and overlap between classes (grey cars on grey
 * asphalt, beige facades and pavements, blue glass and sky), so a model has to use shape and
 * context. There are no void pixels.
 *
 * <p>Sample {@code index} depends only on (seed, index, size): generating it twice gives identical
 * bytes, on any thread. The default size is {@value #DEFAULT_HEIGHT}x{@value #DEFAULT_WIDTH}
 * (height x width). As a {@link SampleSource} it holds {@code count} samples.
 *
 * <p>With {@link Builder#optInstances instances}, cars and pedestrians are things ({@link
 * StreetClasses#withThings()}) and each sample carries its {@link PanopticAnnotation}: every car
 * and pedestrian its own instance, the other classes stuff. Such scenes also hold groups: about
 * half of the pedestrians have a companion touching or overlapping them, and some cars another car
 * partly hidden behind them (drawn from a second generator, so the rest of the scene is the same).
 */
public final class SyntheticStreetScenes implements SampleSource {

    /** Default image height in pixels. */
    public static final int DEFAULT_HEIGHT = 96;
    /** Default image width in pixels. */
    public static final int DEFAULT_WIDTH = 128;

    private final long seed;
    private final int height;
    private final int width;
    private final int count;
    private final boolean instances;

    private SyntheticStreetScenes(Builder b) {
        this.instances = b.instances;
        this.seed = b.seed;
        this.height = b.height;
        this.width = b.width;
        this.count = b.count;
    }

    /** A builder; every setting is optional. */
    public static Builder builder() {
        return new Builder();
    }

    /** Scenes of the default size for a seed, 1000 samples as a source. */
    public static SyntheticStreetScenes of(long seed) {
        return builder().optSeed(seed).build();
    }

    /** Draws scene {@code index} (any non-negative index, not limited to the source size). */
    public Sample generate(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("scene index must not be negative, got " + index);
        }
        SplittableRandom rng = new SplittableRandom(mix(seed, index));
        if (!instances) {
            Canvas c = SceneComposer.compose(width, height, rng);
            return new Sample(id(index), c.toImage(), c.toMask());
        }
        SplittableRandom groups = new SplittableRandom(mix(seed, index) ^ GROUP_SALT);
        Canvas c = SceneComposer.compose(width, height, rng, groups);
        var mask = c.toMask();
        return new Sample(id(index), c.toImage(), mask, PanopticAnnotation.fromSemantic(mask, c.instance, classes()));
    }

    /**
     * Writes a data set in the folder-pairs layout: {@code out/train/images/*.png},
     * {@code out/train/masks/*.png} (8-bit grey, value = class id), the same under {@code out/val},
     * and {@code out/classes.yaml}. Training scenes are indices {@code 0..trainCount-1}, validation
     * scenes the next {@code valCount}. The folder is written next to {@code out} and swapped in
     * when complete; an existing {@code out} is replaced only if it holds a {@code classes.yaml}.
     */
    public static SynthSummary writeDataset(Path out, int trainCount, int valCount, long seed, int height, int width) {
        return writeDataset(out, trainCount, valCount, seed, height, width, false);
    }

    /**
     * As {@link #writeDataset(Path, int, int, long, int, int)}; with {@code instances} the scenes
     * have instances and each split also gets {@code instances/} (16-bit instance-id PNGs beside
     * the masks, {@link org.seg4j.data.instance.InstancePng}), with cars and pedestrians marked
     * {@code isthing} in {@code classes.yaml}.
     */
    public static SynthSummary writeDataset(Path out, int trainCount, int valCount, long seed, int height, int width,
            boolean instances) {
        if (trainCount < 0 || valCount < 0 || trainCount + valCount == 0) {
            throw new Seg4jException("synthetic data set needs a positive number of scenes, got train "
                    + trainCount + " and val " + valCount);
        }
        SyntheticStreetScenes scenes = builder().optSeed(seed).optSize(height, width).optInstances(instances).build();
        return SynthDatasetWriter.write(scenes, out, trainCount, valCount);
    }

    @Override
    public int size() {
        return count;
    }

    @Override
    public Sample load(int index) {
        if (index >= count) {
            throw new IndexOutOfBoundsException("scene " + index + " of " + count);
        }
        return generate(index);
    }

    @Override
    public String id(int index) {
        return String.format("street_%06d", index);
    }

    @Override
    public ClassMeta classes() {
        return instances ? StreetClasses.withThings() : StreetClasses.meta();
    }

    /** Whether the scenes carry instance annotations. */
    public boolean instances() {
        return instances;
    }

    /** The seed every scene derives from. */
    public long seed() {
        return seed;
    }

    /** Image height in pixels. */
    public int height() {
        return height;
    }

    /** Image width in pixels. */
    public int width() {
        return width;
    }

    /** Separates the group generator's stream from the scene's. */
    private static final long GROUP_SALT = 0x5DEECE66DL;

    private static long mix(long seed, long index) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Settings of {@link SyntheticStreetScenes}, all optional. */
    public static final class Builder {

        private long seed;
        private int height = DEFAULT_HEIGHT;
        private int width = DEFAULT_WIDTH;
        private int count = 1000;
        private boolean instances;

        private Builder() {}

        /** Seed of the scenes (default 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Image size (default 96 x 128); each side at least 32 pixels. */
        public Builder optSize(int height, int width) {
            this.height = height;
            this.width = width;
            return this;
        }

        /** Number of samples when used as a {@link SampleSource} (default 1000). */
        public Builder optCount(int count) {
            this.count = count;
            return this;
        }

        /** Whether scenes carry instance annotations, with groups of touching things (default false). */
        public Builder optInstances(boolean instances) {
            this.instances = instances;
            return this;
        }

        /** Validates the settings. */
        public SyntheticStreetScenes build() {
            if (height < 32 || width < 32 || height > 4096 || width > 4096) {
                throw new Seg4jException("synthetic scene size must be 32..4096 pixels per side, got "
                        + height + "x" + width + " (height x width)");
            }
            if (count < 0) {
                throw new Seg4jException("synthetic scene count must not be negative, got " + count);
            }
            return new SyntheticStreetScenes(this);
        }
    }
}
