package org.seg4j.train;

import org.seg4j.data.SampleSource;
import org.seg4j.train.loader.BatchLoader;
import org.seg4j.transform.Normalization;

/**
 * The data loaders a {@link TrainConfig} describes: its batch sizes, augmentation, seed and worker
 * count. Training, {@code seg4j bench loader} and {@code seg4j bench perf} take their loaders from
 * here, so a benchmark measures the loader that training uses.
 */
public final class TrainingLoaders {

    private TrainingLoaders() {}

    /** The shuffled, augmented training loader; callers may add sampling weights or drop-last. */
    public static BatchLoader.Builder training(SampleSource source, TrainConfig config, Normalization norm) {
        return BatchLoader.builder()
                .setSource(source)
                .setBatchSize(config.batchSize())
                .optPipeline(Augmentations.training(config))
                .optNormalization(norm)
                .optShuffle(true)
                .optSeed(config.seed())
                .optWorkers(config.numWorkers());
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
