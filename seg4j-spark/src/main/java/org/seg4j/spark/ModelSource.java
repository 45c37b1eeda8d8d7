package org.seg4j.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
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
 * @param shippedName the name of the folder added to the job's files ({@code <folder>-<content hash>},
 *     so that two models from folders of the same name do not collide), or null when not shipped
 */
public record ModelSource(String path, String shippedName) implements Serializable {

    /**
     * Adds the model to the job's files; it must be readable by the driver. Only the manifest and
     * the weights travel (a run folder's checkpoints stay home): they are staged in a temporary
     * folder named like the model folder, removed when the driver's JVM exits.
     */
    public static ModelSource ship(SparkSession spark, Path modelDir) {
        Path dir = checkModelDir(modelDir);
        Path staged;
        try {
            // deleteOnExit removes in the reverse order of registration: the files first, then the folders
            Path tmp = Files.createTempDirectory("seg4j-model-");
            tmp.toFile().deleteOnExit();
            staged = Files.createDirectories(tmp.resolve(dir.getFileName() + "-" + contentHash(dir)));
            staged.toFile().deleteOnExit();
            for (String f : List.of(ModelDirectory.MANIFEST, ModelDirectory.WEIGHTS)) {
                Files.copy(dir.resolve(f), staged.resolve(f));
                staged.resolve(f).toFile().deleteOnExit();
            }
        } catch (IOException e) {
            throw new Seg4jException(modelDir + ": cannot stage the model for shipping (" + e.getMessage() + ")", e);
        }
        spark.sparkContext().addFile(staged.toUri().toString(), true);
        return new ModelSource(dir.toString(), staged.getFileName().toString());
    }

    /** A model directory at the same path on every executor. */
    public static ModelSource shared(Path modelDir) {
        return new ModelSource(checkModelDir(modelDir).toString(), null);
    }

    /** True if the model travels with the job. */
    public boolean shipped() {
        return shippedName != null;
    }

    /** The model folder on this JVM: the executor's copy when shipped, the path itself otherwise. */
    public Path localDir() {
        if (shippedName == null) {
            return Path.of(path);
        }
        Path copy = Path.of(SparkFiles.get(shippedName));
        if (!Files.isRegularFile(copy.resolve(ModelDirectory.MANIFEST))) {
            throw new Seg4jException(copy + ": the shipped model directory " + path + " has no "
                    + ModelDirectory.MANIFEST + " on this executor");
        }
        return copy;
    }

    /** 12 hex digits of SHA-256 over the manifest and the weights. */
    private static String contentHash(Path dir) throws IOException {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String f : List.of(ModelDirectory.MANIFEST, ModelDirectory.WEIGHTS)) {
                try (InputStream in = Files.newInputStream(dir.resolve(f))) {
                    byte[] buf = new byte[1 << 16];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        sha.update(buf, 0, n);
                    }
                }
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path checkModelDir(Path modelDir) {
        Path dir = modelDir.toAbsolutePath().normalize();
        for (String f : List.of(ModelDirectory.MANIFEST, ModelDirectory.WEIGHTS)) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new Seg4jException(modelDir + ": not a model directory (no " + f + ")");
            }
        }
        return dir;
    }
}
