package org.seg4j.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
}
