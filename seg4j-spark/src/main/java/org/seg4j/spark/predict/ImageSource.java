package org.seg4j.spark.predict;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.seg4j.Seg4jException;
import org.seg4j.data.ImageFiles;
import org.seg4j.data.RgbImage;

/**
 * Reads one image that Spark listed (a Hadoop URI: {@code file:}, {@code hdfs:}, {@code s3a:}...)
 * with seg4j's decoder: local files directly, others through a task-local temporary copy. Files
 * over a byte limit are refused before anything is read, images over a pixel limit before any pixel
 * is decoded ({@link ImageFiles}).
 */
final class ImageSource {

    private ImageSource() {}

    static RgbImage read(String uri, long length, long maxFileBytes, long maxPixels, Configuration hadoop) {
        if (length > maxFileBytes) {
            throw new Seg4jException(uri + ": file is " + length + " bytes, over the limit of " + maxFileBytes
                    + " (--max-file-bytes)");
        }
        URI u = URI.create(uri);
        if (u.getScheme() == null || "file".equals(u.getScheme())) {
            return ImageFiles.readUpright(u.getScheme() == null ? Path.of(uri) : Path.of(u), maxPixels);
        }
        Path local = null;
        try {
            String name = new org.apache.hadoop.fs.Path(u).getName();
            local = Files.createTempFile("seg4j-", "-" + name);
            org.apache.hadoop.fs.Path src = new org.apache.hadoop.fs.Path(u);
            try (FileSystem fs = FileSystem.newInstance(u, hadoop)) {
                fs.copyToLocalFile(false, src, new org.apache.hadoop.fs.Path(local.toUri()), true);
            }
            return ImageFiles.readUpright(local, maxPixels);
        } catch (IOException e) {
            throw new Seg4jException(uri + ": cannot read (" + e.getMessage() + ")", e);
        } finally {
            if (local != null) {
                try {
                    Files.deleteIfExists(local);
                } catch (IOException ignored) {
                    // a temporary file left behind in the task's folder is removed with it
                }
            }
        }
    }
}
