package org.seg4j.infer.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.Seg4jException;
import org.seg4j.infer.TestModels;
import org.seg4j.model.ModelDirectory;
import org.seg4j.model.ModelManifest;
import org.seg4j.model.ModelSpec;
import org.seg4j.util.Json;

/**
 * The export cache with an exporter that counts its calls and writes the weights' bytes back: one
 * export per weights, spec and exporter version; stale files removed; a directory that cannot hold
 * the cache falls back to the shared one.
 */
class ExportCacheTest {

    @TempDir
    Path tmp;

    /** Writes "exported:" + the weights file, and counts calls. */
    static final class CountingExporter implements NetworkExporter {
        final AtomicInteger calls = new AtomicInteger();
        String version = "1";

        @Override
        public String runtime() {
            return "test";
        }

        @Override
        public String version() {
            return version;
        }

        @Override
        public byte[] export(Path modelDir, ModelManifest manifest) {
            calls.incrementAndGet();
            try {
                byte[] w = Files.readAllBytes(modelDir.resolve(ModelDirectory.WEIGHTS));
                byte[] out = new byte[w.length + 9];
                System.arraycopy("exported:".getBytes(), 0, out, 0, 9);
                System.arraycopy(w, 0, out, 9, w.length);
                return out;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }

    private Path modelDir(String name, byte[] weights) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.write(dir.resolve(ModelDirectory.WEIGHTS), weights);
        Json.writeJson(dir.resolve(ModelDirectory.MANIFEST), TestModels.manifest(TestModels.CONV3, 32, 1.0));
        return dir;
    }

    private static ModelManifest manifest(Path dir) {
        return ModelDirectory.readManifest(dir);
    }

    @Test
    void exportsOnceThenReusesTheFile() throws Exception {
        Path dir = modelDir("m", new byte[] {1, 2, 3});
        CountingExporter exporter = new CountingExporter();
        ExportCache.Entry first = ExportCache.of(dir).obtain(dir, manifest(dir), exporter, ".x");
        assertThat(first.reused()).isFalse();
        assertThat(first.file().getParent()).isEqualTo(dir.resolve(ExportCache.DIR));
        assertThat(first.file().getFileName().toString()).matches("model-[0-9a-f]{16}\\.x");
        assertThat(Files.readAllBytes(first.file())).startsWith("exported:".getBytes()).endsWith(1, 2, 3);

        ExportCache.Entry second = ExportCache.of(dir).obtain(dir, manifest(dir), exporter, ".x");
        assertThat(second.reused()).isTrue();
        assertThat(second.file()).isEqualTo(first.file());
        assertThat(exporter.calls).hasValue(1);
        try (var files = Files.list(dir.resolve(ExportCache.DIR))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(first.file().getFileName().toString());
        }
    }

    @Test
    void newWeightsSpecOrExporterVersionInvalidateTheCacheAndStaleFilesGo() throws Exception {
        Path dir = modelDir("m", new byte[] {1, 2, 3});
        CountingExporter exporter = new CountingExporter();
        Path old = ExportCache.of(dir).obtain(dir, manifest(dir), exporter, ".x").file();

        Files.write(dir.resolve(ModelDirectory.WEIGHTS), new byte[] {1, 2, 4});
        ExportCache.Entry retrained = ExportCache.of(dir).obtain(dir, manifest(dir), exporter, ".x");
        assertThat(retrained.reused()).isFalse();
        assertThat(retrained.file()).isNotEqualTo(old);
        assertThat(old).doesNotExist();
        assertThat(Files.readAllBytes(retrained.file())).endsWith(1, 2, 4);

        ModelManifest base = manifest(dir);
        ModelManifest wider = new ModelManifest(base.formatVersion(),
                new ModelSpec(base.model().architecture(), "", 3, 16, Map.of()), base.classes(), base.preprocessing(),
                base.provenance(), Map.of());
        Path spec = ExportCache.of(dir).obtain(dir, wider, exporter, ".x").file();
        assertThat(spec).isNotEqualTo(retrained.file());

        exporter.version = "2";
        assertThat(ExportCache.of(dir).obtain(dir, wider, exporter, ".x").file()).isNotEqualTo(spec);
        assertThat(exporter.calls).hasValue(4);
        try (var files = Files.list(dir.resolve(ExportCache.DIR))) {
            assertThat(files).hasSize(1);
        }
    }

    @Test
    void aDirectoryThatCannotHoldTheCacheFallsBackToTheSharedOne() throws Exception {
        // a file where the cache folder should be: creating the folder fails, as on a read-only directory
        Path dir = modelDir("readonly-" + System.nanoTime(), new byte[] {(byte) System.nanoTime(), 9, 9, 9});
        Files.writeString(dir.resolve(ExportCache.DIR), "not a folder");
        CountingExporter exporter = new CountingExporter();
        ExportCache.Entry first = ExportCache.of(dir).obtain(dir, manifest(dir), exporter, ".x");
        try {
            assertThat(first.reused()).isFalse();
            assertThat(first.file().getParent()).isEqualTo(ExportCache.shared().dir());
            ExportCache.Entry second = ExportCache.of(dir).obtain(dir, manifest(dir), exporter, ".x");
            assertThat(second.reused()).isTrue();
            assertThat(second.file()).isEqualTo(first.file());
            assertThat(exporter.calls).hasValue(1);
        } finally {
            Files.deleteIfExists(first.file());
        }
    }

    @Test
    void aMissingWeightsFileIsNamed() throws Exception {
        Path dir = modelDir("m", new byte[] {1});
        Files.delete(dir.resolve(ModelDirectory.WEIGHTS));
        assertThatThrownBy(() -> ExportCache.of(dir).obtain(dir, manifest(dir), new CountingExporter(), ".x"))
                .isInstanceOf(Seg4jException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining(ModelDirectory.WEIGHTS);
    }
}
