package org.seg4j.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path tmp;

    @Test
    void failedWriteKeepsTheOldContentAndLeavesNoTemporaryFile() throws IOException {
        Path target = tmp.resolve("a.txt");
        AtomicFiles.writeString(target, "old");
        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
                    out.write("partial".getBytes());
                    throw new IOException("disk full");
                }))
                .hasMessageContaining("a.txt")
                .hasMessageContaining("disk full");
        assertThat(Files.readString(target)).isEqualTo("old");
        try (var files = Files.list(tmp)) {
            assertThat(files.toList()).containsExactly(target);
        }
    }

    @Test
    void replaceDirectorySwapsInTheNewContent() throws IOException {
        Path target = tmp.resolve("ckpt");
        Files.createDirectories(target);
        Files.writeString(target.resolve("old.txt"), "1");
        Path staged = tmp.resolve("staged");
        Files.createDirectories(staged);
        Files.writeString(staged.resolve("new.txt"), "2");
        AtomicFiles.replaceDirectory(staged, target);
        assertThat(target.resolve("new.txt")).hasContent("2");
        assertThat(target.resolve("old.txt")).doesNotExist();
        try (var files = Files.list(tmp)) {
            assertThat(files.toList()).containsExactly(target);
        }
    }

    @Test
    void writtenFileGetsThePermissionsOfAPlainNewFile() throws IOException {
        Assumptions.assumeTrue(tmp.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path plain = tmp.resolve("plain.txt");
        try (var out = Files.newOutputStream(plain, StandardOpenOption.CREATE_NEW)) {
            out.write(1);
        }
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(plain);
        Path target = tmp.resolve("written.txt");
        AtomicFiles.writeString(target, "new");
        assertThat(Files.getPosixFilePermissions(target)).isEqualTo(expected);
    }
}
