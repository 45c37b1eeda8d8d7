package org.seg4j.train.loader;

import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.seg4j.Seg4jException;
import org.seg4j.data.Batch;
import org.seg4j.data.BatchProvider;
import org.seg4j.data.Sample;
import org.seg4j.data.SampleSource;
import org.seg4j.data.sampling.WeightedEpochOrder;
import org.seg4j.transform.ClassPaste;
import org.seg4j.transform.JointTransform;
import org.seg4j.transform.Normalization;
import org.seg4j.transform.TransformPipeline;

/**
 * Prepares batches on background worker threads while the consumer trains. At most
 * {@code prefetch} batches are in flight at once; the consumer receives them in order.
 *
 * <p>Reproducibility: the sample order of epoch {@code e} is a shuffle drawn from
 * {@code (seed, e)}, and the transforms of dataset sample {@code i} in epoch {@code e} draw from a
 * generator seeded by {@code (seed, e, i)}. Nothing depends on the number of threads or their
 * timing, so a resumed run sees exactly the batches of an uninterrupted one.
 *
 * <p>With {@link Builder#optSampleWeights sample weights} (class-aware sampling), an epoch still
 * holds {@code size()} samples, drawn in proportion to the weights by {@link WeightedEpochOrder}
 * from {@code (seed, e)}: some images appear several times, others not at all.
 *
 * <p>Worker errors reach the consumer as a {@link Seg4jException} naming the sample. Starting a
 * new epoch abandons the previous epoch's iterator. {@link #close()} stops all threads.
 */
public final class BatchLoader implements BatchProvider {

    private final SampleSource source;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final long seed;
    private final int workers;
    private final int prefetch;
    private final BatchAssembler assembler;
    private final int clipLength;
    private final WeightedEpochOrder weighted;
    private final LoaderThreads threads = new LoaderThreads();
    private final ExecutorService pool;
    private EpochBatches current;
    private boolean closed;

    private BatchLoader(Builder b) {
        this.source = b.source;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.seed = b.seed;
        this.workers = b.workers;
        this.prefetch = b.prefetch > 0 ? b.prefetch : 2 * b.workers;
        this.assembler = new BatchAssembler(b.source, b.pipeline, b.normalization, b.seed, b.clips, b.classPaste);
        this.clipLength = b.clips == null ? 1 : b.clips.length();
        this.weighted = b.sampleWeights == null ? null : new WeightedEpochOrder(b.sampleWeights);
        this.pool = Executors.newFixedThreadPool(workers, threads);
    }

    /** A builder; {@link Builder#setSource} and {@link Builder#setBatchSize} are required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public synchronized Iterator<Batch> epoch(int epoch) {
        if (closed) {
            throw new IllegalStateException("batch loader is closed");
        }
        if (current != null) {
            current.abandon();
        }
        current = new EpochBatches(pool, assembler, epoch, order(epoch), batchSize, batchesPerEpoch(), prefetch);
        return current;
    }

    /** The dataset indices of {@code epoch} in the order they are batched (shuffled or not). */
    public int[] order(int epoch) {
        int n = source.size();
        if (weighted != null) {
            return weighted.draw(n, new SplittableRandom(Seeds.mix(seed, epoch, Seeds.SAMPLING)));
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (shuffle) {
            SplittableRandom rng = new SplittableRandom(Seeds.mix(seed, epoch, Seeds.SHUFFLE));
            for (int i = n - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        return order;
    }

    /**
     * The samples of batch {@code batch} of {@code epoch} exactly as that batch holds them, before
     * normalisation: read, transformed and, with copy-paste, pasted. Made on the calling thread, for
     * previews of what training sees; single-image loaders only.
     *
     * @throws Seg4jException if {@code batch} is not a batch of the epoch, or the loader makes clips
     */
    public List<Sample> samples(int epoch, int batch) {
        if (batch < 0 || batch >= batchesPerEpoch()) {
            throw new Seg4jException("batch " + batch + " is not in 0.." + (batchesPerEpoch() - 1) + " (an epoch of "
                    + batchesPerEpoch() + " batches)");
        }
        return assembler.samples(epoch, EpochBatches.batch(order(epoch), batch, batchSize));
    }

    @Override
    public int batchesPerEpoch() {
        int n = source.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    @Override
    public int samplesPerEpoch() {
        return dropLast ? batchesPerEpoch() * batchSize : source.size();
    }

    /** Frames per clip in every batch: 1 for single images ({@link Builder#optClips}). */
    public int clipLength() {
        return clipLength;
    }

    /** Number of worker threads. */
    public int workers() {
        return workers;
    }

    /** Name prefix of this loader's worker threads (for diagnostics). */
    public String threadNamePrefix() {
        return threads.prefix();
    }

    /** Stops the worker threads and waits for them to end; further epochs are refused. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (current != null) {
            current.abandon();
        }
        // Queued batches were cancelled above; running ones finish rather than being interrupted.
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
            threads.joinAll(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Configuration of a {@link BatchLoader}: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {

        private SampleSource source;
        private JointTransform pipeline = TransformPipeline.identity();
        private Normalization normalization = Normalization.IMAGENET;
        private int batchSize;
        private boolean shuffle = true;
        private boolean dropLast;
        private long seed;
        private int workers = Runtime.getRuntime().availableProcessors();
        private int prefetch;
        private double[] sampleWeights;
        private ClipFrames clips;
        private ClassPaste classPaste;

        private Builder() {}

        /**
         * Copy-paste between the samples of each batch, after the transforms (default: none). For
         * single images with masks, all of one size; not with {@link #optClips}.
         */
        public Builder optClassPaste(ClassPaste classPaste) {
            this.classPaste = classPaste;
            return this;
        }

        /**
         * Video training: every sample becomes a clip of {@link ClipFrames#length()} frames, placed
         * one after another in the batch; {@code batchSize} counts clips.
         */
        public Builder optClips(ClipFrames clips) {
            this.clips = clips;
            return this;
        }

        /** The samples to load (required). */
        public Builder setSource(SampleSource source) {
            this.source = source;
            return this;
        }

        /** Samples per batch (required, positive). */
        public Builder setBatchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Transforms applied to every sample (default: none). */
        public Builder optPipeline(JointTransform pipeline) {
            this.pipeline = pipeline;
            return this;
        }

        /** Image normalisation (default: ImageNet statistics). */
        public Builder optNormalization(Normalization normalization) {
            this.normalization = normalization;
            return this;
        }

        /** Whether each epoch visits the samples in a new random order (default: true). */
        public Builder optShuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Whether to skip a last, smaller batch (default: false). */
        public Builder optDropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Seed of the shuffles and augmentations (default: 0). */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Worker threads (default: available processors). */
        public Builder optWorkers(int workers) {
            this.workers = workers;
            return this;
        }

        /** Batches prepared ahead of the consumer (default: twice the workers). */
        public Builder optPrefetch(int prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /**
         * Per-sample weights for class-aware sampling (see {@link org.seg4j.data.sampling.SamplingMode});
         * {@code null} (the default) visits every sample once per epoch. Implies shuffling.
         */
        public Builder optSampleWeights(double[] weights) {
            this.sampleWeights = weights == null ? null : weights.clone();
            return this;
        }

        /** Validates the settings and starts the worker threads. */
        public BatchLoader build() {
            if (source == null) {
                throw new IllegalArgumentException("batch loader needs a sample source (setSource)");
            }
            if (pipeline == null || normalization == null) {
                throw new IllegalArgumentException("batch loader pipeline and normalization must not be null");
            }
            if (batchSize <= 0) {
                throw new Seg4jException("batch size must be positive, got " + batchSize);
            }
            if (workers <= 0) {
                throw new Seg4jException("loader workers must be positive, got " + workers);
            }
            if (prefetch < 0) {
                throw new Seg4jException("loader prefetch must be positive, got " + prefetch);
            }
            if (source.size() == 0) {
                throw new Seg4jException("the data set has no samples");
            }
            if (classPaste != null && clips != null) {
                throw new Seg4jException("copy-paste works on single images; this loader makes clips of "
                        + clips.length() + " frames");
            }
            if (sampleWeights != null && sampleWeights.length != source.size()) {
                throw new Seg4jException("sample weights: " + sampleWeights.length + " values for "
                        + source.size() + " samples");
            }
            if (dropLast && source.size() < batchSize) {
                throw new Seg4jException("batch size " + batchSize + " is larger than the data set ("
                        + source.size() + " samples) and drop-last is on, so an epoch would be empty");
            }
            return new BatchLoader(this);
        }
    }
}
