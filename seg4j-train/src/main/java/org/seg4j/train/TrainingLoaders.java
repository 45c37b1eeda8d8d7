package org.seg4j.train;

import java.util.List;
import org.seg4j.Seg4jException;
import org.seg4j.data.ClassMeta;
import org.seg4j.data.SampleSource;
import org.seg4j.data.sampling.ImageClassCounts;
import org.seg4j.data.sampling.SamplingMode;
import org.seg4j.train.loader.BatchLoader;
import org.seg4j.transform.ClassPaste;
import org.seg4j.transform.Normalization;

/**
 * The data loaders a {@link TrainConfig} describes: its batch sizes, augmentation, seed and worker
 * count. Training, {@code seg4j bench loader} and {@code seg4j bench perf} take their loaders from
 * here, so a benchmark measures the loader that training uses.
 */
public final class TrainingLoaders {

    private TrainingLoaders() {}

    /**
     * The shuffled, augmented training loader, with copy-paste between its crops when {@code
     * copy_paste} is set; callers may add sampling weights or drop-last.
     */
    public static BatchLoader.Builder training(SampleSource source, TrainConfig config, Normalization norm) {
        return BatchLoader.builder()
                .setSource(source)
                .setBatchSize(config.batchSize())
                .optPipeline(Augmentations.training(config))
                .optClassPaste(classPaste(config, source.classes()))
                .optNormalization(norm)
                .optShuffle(true)
                .optSeed(config.seed())
                .optWorkers(config.numWorkers());
    }

    /**
     * Per-sample weights of the configuration's class-aware sampling ({@code sampling},
     * {@code repeat_threshold}) for {@link BatchLoader.Builder#optSampleWeights}; {@code null} when
     * sampling is {@code none}.
     */
    public static double[] sampleWeights(SampleSource source, TrainConfig config) {
        SamplingMode mode = SamplingMode.parse(config.sampling());
        return mode == SamplingMode.NONE ? null : mode.weights(ImageClassCounts.of(source), config.repeatThreshold());
    }

    /**
     * The copy-paste of {@code copy_paste} and {@code copy_paste_classes}, with the class names
     * resolved against the data set's classes; {@code null} when {@code copy_paste} is 0.
     */
    static ClassPaste classPaste(TrainConfig config, ClassMeta classes) {
        if (config.copyPaste() == 0) {
            return null;
        }
        List<String> names = config.copyPasteClasses();
        int[] ids = new int[names.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = classes.idOf(names.get(i));
            if (ids[i] < 0) {
                throw new Seg4jException("copy_paste_classes: the data set has no class '" + names.get(i)
                        + "'; its classes are " + String.join(", ", classes.names()));
            }
        }
        return ClassPaste.builder().setProbability(config.copyPaste()).optClasses(ids).build();
    }

    /** The validation loader: in order, without augmentation. */
    public static BatchLoader.Builder validation(SampleSource source, TrainConfig config, Normalization norm) {
        return BatchLoader.builder()
                .setSource(source)
                .setBatchSize(config.valBatchSize())
                .optPipeline(Augmentations.validation(config))
                .optNormalization(norm)
                .optShuffle(false)
                .optSeed(config.seed())
                .optWorkers(config.numWorkers());
    }
}
