package org.seg4j.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import org.seg4j.data.SegmentationDataset;
import org.seg4j.train.loader.BatchLoader;
import org.seg4j.bench.LoaderBenchmark;
import org.seg4j.train.Augmentations;
import org.seg4j.train.TrainConfig;
import org.seg4j.train.TrainingLoaders;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j bench}: measurements that are not tests. */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks.",
        subcommands = {BenchCommand.Loader.class, BenchPerfCommand.class, BenchPerfWorkerCommand.class,
            ServeBenchCommand.class})
final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The data loader alone: decoding, augmentation and batching, no model. */
    @Command(name = "loader", mixinStandardHelpOptions = true,
            description = "Images/s the training loader delivers (decode + augment + normalise + batch), no model.")
    static final class Loader implements Callable<Integer> {

        @Mixin
        DataOptions data;

        @Option(names = "--split", defaultValue = "train", description = "Split (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--config", description = "Training configuration whose augmentation to use.")
        java.nio.file.Path config;

        @Option(names = "--crop", description = "Crop HxW (default: the configuration's).")
        String crop;

        @Option(names = "--batch-size", description = "Batch size (default: the configuration's).")
        Integer batchSize;

        @Option(names = "--workers", description = "Loader threads (default: the configuration's).")
        Integer workers;

        @Option(names = "--batches", defaultValue = "40", description = "Batches to time (default: ${DEFAULT-VALUE}).")
        int batches;

        @Override
        public Integer call() {
            TrainConfig.Builder b = (config == null ? TrainConfig.defaults() : TrainConfig.read(config)).toBuilder();
            if (crop != null) {
                int[] hw = TrainCommand.parseSize(crop);
                b.optCrop(hw[0], hw[1]);
            }
            if (batchSize != null) {
                b.optBatchSize(batchSize);
            }
            if (workers != null) {
                b.optNumWorkers(workers);
            }
            TrainConfig cfg = b.build();
            SegmentationDataset ds = data.open(split, null);
            try (BatchLoader loader = TrainingLoaders.training(ds, cfg, cfg.normalization()).build()) {
                double rate = LoaderBenchmark.imagesPerSecond(loader, batches);
                System.out.printf(Locale.ROOT, "loader: %.1f images/s (%s/%s, %d batches of %d, crop %dx%d, %d workers,"
                                + " augmentation %s)%n", rate, data.root, split, batches, cfg.batchSize(),
                        cfg.cropHeight(), cfg.cropWidth(), cfg.numWorkers(), Augmentations.training(cfg));
            }
            return 0;
        }
    }
}
