package org.seg4j.spark.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.seg4j.Seg4jException;
import org.seg4j.data.ImageFiles;
import org.seg4j.spark.ModelSource;

/**
 * Segments every image file under a folder with a Spark job and writes one Parquet row per file
 * ({@link PredictionSchema}). Files are listed with Spark's {@code binaryFile} source (recursive,
 * filtered by a glob on the file name, the content column left unread), spread over
 * {@code partitions} tasks; each task builds one predictor over the model its executor loaded once.
 *
 * <pre>{@code
 * BatchPrediction.Summary s = BatchPrediction.builder()
 *         .setSpark(spark).setModel(ModelSource.ship(spark, Path.of("runs/quickstart/model")))
 *         .setInput("hdfs:///photos").setOutput("hdfs:///photos-seg.parquet")
 *         .optThreads(2).build().run();
 * }</pre>
 */
public final class BatchPrediction {

    /** The default glob: the image types seg4j reads. */
    public static final String DEFAULT_GLOB = "*.{png,jpg,jpeg,bmp,PNG,JPG,JPEG,BMP}";

    /** The default limit on an image file's size: 512 MiB. */
    public static final long DEFAULT_MAX_FILE_BYTES = 512L << 20;

    /**
     * What a run did.
     *
     * @param images rows written (one per file)
     * @param failed rows with an error
     * @param partitions tasks the files were spread over
     * @param imageTime time spent on the images themselves (read, predict, encode), summed over the tasks
     * @param elapsed wall time of the job, listing and writing included
     */
    public record Summary(long images, long failed, int partitions, Duration imageTime, Duration elapsed) {

        /** Images per second over the whole job. */
        public double imagesPerSecond() {
            double s = elapsed.toNanos() / 1e9;
            return s > 0 ? images / s : 0;
        }

        /** One line for the user. */
        public String describe() {
            return String.format(Locale.ROOT, "predicted %d images in %.1f s (%.2f images/s, %d tasks), %d with errors;"
                    + " %.1f s of task time on the images themselves", images, elapsed.toNanos() / 1e9, imagesPerSecond(),
                    partitions, failed, imageTime.toMillis() / 1e3);
        }
    }

    private final SparkSession spark;
    private final ModelSource model;
    private final String input;
    private final String output;
    private final String glob;
    private final int partitions;
    private final int threads;
    private final long maxPixels;
    private final long maxFileBytes;
    private final String colorDir;
    private final boolean overwrite;

    private BatchPrediction(Builder b) {
        spark = b.spark;
        model = b.model;
        input = b.input;
        output = b.output;
        glob = b.glob;
        partitions = b.partitions > 0 ? b.partitions : 4 * spark.sparkContext().defaultParallelism();
        threads = b.threads;
        maxPixels = b.maxPixels;
        maxFileBytes = b.maxFileBytes;
        colorDir = b.colorDir == null ? null : qualify(b.colorDir);
        overwrite = b.overwrite;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** The listed files ({@code path}, {@code length}), spread over the tasks; nothing is read yet. */
    public Dataset<Row> files() {
        return spark.read().format("binaryFile")
                .option("recursiveFileLookup", "true")
                .option("pathGlobFilter", glob)
                .load(input)
                .select("path", "length")
                .repartition(partitions);
    }

    /** The prediction rows, lazily: nothing runs until they are written or collected. */
    public Dataset<Row> predictions() {
        PredictPartition task = new PredictPartition(model, threads, maxPixels, maxFileBytes, qualify(input), colorDir);
        return files().mapPartitions(task, Encoders.row(PredictionSchema.SCHEMA));
    }

    /** Runs the job and writes the Parquet output. */
    public Summary run() {
        long t0 = System.nanoTime();
        predictions().write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(output);
        Row totals = spark.read().parquet(output)
                .agg(functions.count("path"), functions.count("error"), functions.sum("millis"))
                .first();
        long images = totals.getLong(0);
        if (images == 0) {
            throw new Seg4jException(input + ": no image files matching " + glob + " found");
        }
        return new Summary(images, totals.getLong(1), partitions, Duration.ofMillis(totals.getLong(2)),
                Duration.ofNanos(System.nanoTime() - t0));
    }

    private String qualify(String path) {
        try {
            org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(path);
            return p.getFileSystem(spark.sparkContext().hadoopConfiguration()).makeQualified(p).toString();
        } catch (IOException e) {
            throw new Seg4jException(path + ": " + e.getMessage(), e);
        }
    }

    /** Builds a {@link BatchPrediction}: {@code set*} required, {@code opt*} optional. */
    public static final class Builder {
        private SparkSession spark;
        private ModelSource model;
        private String input;
        private String output;
        private String glob = DEFAULT_GLOB;
        private int partitions;
        private int threads;
        private long maxPixels = ImageFiles.DEFAULT_MAX_PIXELS;
        private long maxFileBytes = DEFAULT_MAX_FILE_BYTES;
        private String colorDir;
        private boolean overwrite;

        private Builder() {}

        /** The session that runs the job. */
        public Builder setSpark(SparkSession spark) {
            this.spark = spark;
            return this;
        }

        /** The model, shipped with the job or on shared storage. */
        public Builder setModel(ModelSource model) {
            this.model = model;
            return this;
        }

        /** The folder of images (any Hadoop path: a local folder, {@code hdfs://...}, {@code s3a://...}); read recursively. */
        public Builder setInput(String input) {
            this.input = input;
            return this;
        }

        /** A local folder as input. */
        public Builder setInput(Path input) {
            return setInput(input.toAbsolutePath().toString());
        }

        /** Where the Parquet output goes (a folder of part files). */
        public Builder setOutput(String output) {
            this.output = output;
            return this;
        }

        /** A local folder as output. */
        public Builder setOutput(Path output) {
            return setOutput(output.toAbsolutePath().toString());
        }

        /** Glob on file names ({@value #DEFAULT_GLOB} by default). */
        public Builder optGlob(String glob) {
            this.glob = glob;
            return this;
        }

        /** Number of tasks (default: 4 x the default parallelism). */
        public Builder optPartitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** PyTorch threads per executor JVM (default 0: PyTorch's choice, all cores). */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Images with more pixels become error rows without being decoded (default 100 MP). */
        public Builder optMaxPixels(long maxPixels) {
            this.maxPixels = maxPixels;
            return this;
        }

        /** Files larger than this become error rows without being read (default 512 MiB). */
        public Builder optMaxFileBytes(long maxFileBytes) {
            this.maxFileBytes = maxFileBytes;
            return this;
        }

        /** Also write each image's colour mask under this folder, mirroring the input's sub-folders. */
        public Builder optColorDir(String colorDir) {
            this.colorDir = colorDir;
            return this;
        }

        /** Replace an existing output (default: an existing output is an error). */
        public Builder optOverwrite(boolean overwrite) {
            this.overwrite = overwrite;
            return this;
        }

        /** Validates the settings and builds the job. */
        public BatchPrediction build() {
            if (spark == null) {
                throw new IllegalArgumentException("setSpark is required");
            }
            if (model == null) {
                throw new IllegalArgumentException("setModel is required");
            }
            if (input == null || input.isBlank()) {
                throw new IllegalArgumentException("setInput is required");
            }
            if (output == null || output.isBlank()) {
                throw new IllegalArgumentException("setOutput is required");
            }
            if (partitions < 0 || threads < 0) {
                throw new IllegalArgumentException("partitions and threads must be >= 0, got " + partitions + " and "
                        + threads);
            }
            if (maxPixels <= 0 || maxFileBytes <= 0) {
                throw new IllegalArgumentException("maxPixels and maxFileBytes must be > 0");
            }
            if (glob == null || glob.isBlank()) {
                throw new IllegalArgumentException("the glob must not be empty");
            }
            return new BatchPrediction(this);
        }
    }
}
