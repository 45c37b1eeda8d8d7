package org.seg4j.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.seg4j.data.ImageFiles;
import org.seg4j.spark.ModelSource;
import org.seg4j.spark.predict.BatchPrediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code seg4j spark predict}: batch prediction to Parquet. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Segment every image under a folder (recursively) with a Spark job and write one Parquet row "
                + "per file: path, width, height, class shares, the mask as PNG, an error for bad files.")
final class SparkPredictCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, description = "Model directory.")
    Path model;

    @Option(names = "--input", required = true, description = "Folder of images (local path or Hadoop URI).")
    String input;

    @Option(names = "--output", required = true, description = "Parquet output folder.")
    String output;

    @Option(names = "--glob", defaultValue = BatchPrediction.DEFAULT_GLOB,
            description = "File name filter (default: ${DEFAULT-VALUE}).")
    String glob;

    @Option(names = "--colors", description = "Also write colour masks under this folder.")
    String colors;

    @Option(names = "--max-pixels", defaultValue = "" + ImageFiles.DEFAULT_MAX_PIXELS,
            description = "Larger images are error rows (default: ${DEFAULT-VALUE}).")
    long maxPixels;

    @Option(names = "--max-file-bytes", defaultValue = "" + BatchPrediction.DEFAULT_MAX_FILE_BYTES,
            description = "Larger files are error rows (default: ${DEFAULT-VALUE}).")
    long maxFileBytes;

    @Option(names = "--model-on-shared-storage",
            description = "Executors read --model at its path instead of receiving a copy with the job.")
    boolean sharedModel;

    @Option(names = "--overwrite", description = "Replace an existing output.")
    boolean overwrite;

    @Mixin
    SparkOptions spark;

    @Override
    public Integer call() {
        SparkSession session = spark.session("predict");
        try {
            BatchPrediction.Builder b = BatchPrediction.builder().setSpark(session)
                    .setModel(sharedModel ? ModelSource.shared(model) : ModelSource.ship(session, model))
                    .setInput(input).setOutput(output).optGlob(glob)
                    .optPartitions(spark.partitions).optThreads(spark.threads)
                    .optMaxPixels(maxPixels).optMaxFileBytes(maxFileBytes).optOverwrite(overwrite);
            if (colors != null) {
                b.optColorDir(colors);
            }
            BatchPrediction.Summary summary = b.build().run();
            System.out.println(summary.describe());
            System.out.println("rows: " + output);
            return summary.failed() == 0 ? 0 : 2;
        } finally {
            session.stop();
        }
    }
}
