package org.seg4j.infer.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicBoolean;
import org.seg4j.Seg4jException;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.util.AtomicFiles;
import org.seg4j.util.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the files a {@link NetworkExporter} writes, so that a model is exported once, not on every
 * run: {@code <model dir>/cache/model-<key><ext>}, where the key hashes the weights file, the
 * network's spec in {@code model.json}, and the exporter's runtime and version. A file with the
 * current key is reused; a new one is written atomically (temporary file + rename), and older
 * exports of the same model are deleted, so changed weights invalidate the cache.
 *
 * <p>When the model directory cannot take the file (read-only, say), the export goes to a shared
 * cache in the temporary folder ({@link #shared()}, keyed the same way, so later runs reuse it
 * too), and a warning says so once per process. Built-in models use the shared cache directly.
 */
public final class ExportCache {

    /** The cache folder's name inside a model directory. */
    public static final String DIR = "cache";

    private static final Logger LOG = LoggerFactory.getLogger(ExportCache.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private final Path dir;
    private final boolean shared;

    private ExportCache(Path dir, boolean shared) {
        this.dir = dir;
        this.shared = shared;
    }

    /** The cache inside {@code modelDir} (falling back to {@link #shared()} when it is not writable). */
    public static ExportCache of(Path modelDir) {
        return new ExportCache(modelDir.resolve(DIR), false);
    }

    /** The cache shared by all models in the temporary folder ({@code seg4j-export-cache}). */
    public static ExportCache shared() {
        return new ExportCache(Path.of(System.getProperty("java.io.tmpdir"), "seg4j-export-cache"), true);
    }

    /** The folder this cache writes to first. */
    public Path dir() {
        return dir;
    }

    /**
     * A cached export.
     *
     * @param file the exported model file
     * @param reused whether it was already there (no export ran)
     */
    public record Entry(Path file, boolean reused) {}

    /**
     * The export of the seg4j network in {@code modelDir}: a cached file when its key matches,
     * otherwise a new export by {@code exporter}.
     *
     * @param extension the exported file's extension with the dot, e.g. {@code .onnx}
     */
    public Entry obtain(Path modelDir, ModelManifest manifest, NetworkExporter exporter, String extension) {
        String name = "model-" + key(modelDir, manifest, exporter) + extension;
        Path fallback = shared().dir.resolve(name);
        for (Path candidate : shared ? new Path[] {dir.resolve(name)} : new Path[] {dir.resolve(name), fallback}) {
            if (Files.isRegularFile(candidate)) {
                return new Entry(candidate, true);
            }
        }
        byte[] bytes = exporter.export(modelDir, manifest);
        Path target = dir.resolve(name);
        try {
            AtomicFiles.write(target, out -> out.write(bytes));
        } catch (UncheckedIOException e) {
            if (shared) {
                throw new Seg4jException("cannot cache the export of " + modelDir + ": " + e.getMessage(), e);
            }
            if (WARNED.compareAndSet(false, true)) {
                LOG.warn("{} cannot hold the export cache ({}); the {} export goes to {} instead", modelDir,
                        e.getMessage(), exporter.runtime(), fallback.getParent());
            }
            return shared().write(fallback, bytes, modelDir);
        }
        if (!shared) {
            deleteOthers(name, extension);
        }
        return new Entry(target, false);
    }

    private Entry write(Path target, byte[] bytes, Path modelDir) {
        try {
            AtomicFiles.write(target, out -> out.write(bytes));
        } catch (UncheckedIOException e) {
            throw new Seg4jException("cannot cache the export of " + modelDir + ": " + e.getMessage(), e);
        }
        return new Entry(target, false);
    }

    /** Deletes this model's exports under other keys (best effort: a file in use stays until next time). */
    private void deleteOthers(String keep, String extension) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "model-*" + extension)) {
            for (Path f : files) {
                if (!f.getFileName().toString().equals(keep)) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            LOG.debug("cannot clean {}: {}", dir, e.getMessage());
        }
    }

    /**
     * The cache key: 16 hex digits of the SHA-256 of the weights file, the network's spec, and the
     * exporter's runtime and version.
     */
    static String key(Path modelDir, ModelManifest manifest, NetworkExporter exporter) {
        Path weights = modelDir.resolve(ModelDirectory.WEIGHTS);
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
        try (InputStream in = Files.newInputStream(weights)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                sha.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new Seg4jException(modelDir + ": cannot read " + ModelDirectory.WEIGHTS + ": " + e.getMessage(), e);
        }
        try {
            sha.update(Json.JSON.writeValueAsBytes(manifest.model()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the model spec as JSON", e);
        }
        sha.update(("\n" + exporter.runtime() + "\n" + exporter.version()).getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(sha.digest(), 0, 8);
    }
}
