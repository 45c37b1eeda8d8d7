package org.seg4j.bench;

import java.util.Iterator;
import java.util.Locale;
import org.seg4j.data.Batch;
import org.seg4j.data.BatchProvider;
import org.seg4j.data.synth.SyntheticStreetScenes;
import org.seg4j.transform.ColorJitter;
import org.seg4j.transform.HorizontalFlip;
import org.seg4j.transform.RandomCrop;
import org.seg4j.transform.RandomScale;
import org.seg4j.transform.TransformPipeline;
import org.seg4j.train.loader.BatchLoader;

/**
 * Measures loader throughput alone (no model): how many images per second a {@link BatchProvider}
 * delivers, to tell whether data loading or the network limits training speed.
 */
public final class LoaderBenchmark {

    private LoaderBenchmark() {}

    /**
     * Pulls {@code batches} batches (running through as many epochs as needed) after one warm-up
     * batch, and returns the images delivered per second.
     */
    public static double imagesPerSecond(BatchProvider provider, int batches) {
        if (batches <= 0) {
            throw new IllegalArgumentException("batches must be positive, got " + batches);
        }
        int epoch = 0;
        Iterator<Batch> it = provider.epoch(epoch);
        it.next();
        long images = 0;
        long start = System.nanoTime();
        for (int i = 0; i < batches; i++) {
            if (!it.hasNext()) {
                it = provider.epoch(++epoch);
            }
            images += it.next().size();
        }
        return images / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Benchmarks loading synthetic scenes with a typical training augmentation. Arguments, all
     * optional: batches (default 100), batch size (8), workers (available processors).
     */
    public static void main(String[] args) {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int batchSize = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int workers = args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
        TransformPipeline augment = TransformPipeline.builder()
                .add(new RandomScale(0.75, 1.5))
                .add(new RandomCrop(SyntheticStreetScenes.DEFAULT_HEIGHT, SyntheticStreetScenes.DEFAULT_WIDTH))
                .add(new HorizontalFlip(0.5))
                .add(new ColorJitter(0.3, 0.3, 0.3, 0.02))
                .build();
        try (BatchLoader loader = BatchLoader.builder()
                .setSource(SyntheticStreetScenes.builder().optCount(512).build())
                .setBatchSize(batchSize)
                .optPipeline(augment)
                .optWorkers(workers)
                .build()) {
            double rate = imagesPerSecond(loader, batches);
            System.out.printf(Locale.ROOT, "loader: %.1f images/s (%d batches of %d, %d workers)%n", rate, batches,
                    batchSize, workers);
        }
    }
}
