package org.seg4j.spark;

import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelDirectory;

/**
 * Where executors find a model directory: shipped with the job ({@link #ship}: Spark copies the
 * folder to every executor once, through {@code SparkContext.addFile}) or on storage that every
 * executor sees under the same path ({@link #shared}: NFS, a mounted bucket, the local disk in local
 * mode).
 *
 * @param path the model directory as the driver names it
 * @param shipped true if the folder was added to the job's files; executors then read their copy
 */
public record ModelSource(String path, boolean shipped) implements Serializable {

    /** Adds the model folder to the job's files; it must be readable by the driver. */
    public static ModelSource ship(SparkSession spark, Path modelDir) {
        Path dir = checkModelDir(modelDir);
        spark.sparkContext().addFile(dir.toUri().toString(), true);
        return new ModelSource(dir.toString(), true);
    }

    /** A model directory at the same path on every executor. */
    public static ModelSource shared(Path modelDir) {
        return new ModelSource(checkModelDir(modelDir).toString(), false);
    }

    /** The model folder on this JVM: the executor's copy when shipped, the path itself otherwise. */
    public Path localDir() {
        if (!shipped) {
            return Path.of(path);
        }
        Path copy = Path.of(SparkFiles.get(Path.of(path).getFileName().toString()));
        if (!Files.isRegularFile(copy.resolve(ModelDirectory.MANIFEST))) {
            throw new Seg4jException(copy + ": the shipped model directory " + path + " has no "
                    + ModelDirectory.MANIFEST + " on this executor");
        }
        return copy;
    }

    private static Path checkModelDir(Path modelDir) {
        Path dir = modelDir.toAbsolutePath().normalize();
        if (!Files.isRegularFile(dir.resolve(ModelDirectory.MANIFEST))) {
            throw new Seg4jException(modelDir + ": not a model directory (no " + ModelDirectory.MANIFEST + ")");
        }
        return dir;
    }
}
