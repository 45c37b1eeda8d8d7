package org.seg4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seg4j.util.Json;

class QuickstartCommandTest {

    @TempDir
    Path tmp;

    @Test
    void runsTheWholeWorkflowAndCanBeRepeated() throws Exception {
        Path out = tmp.resolve("qs");
        String[] args = {"quickstart", "--out", out.toString(), "--count", "8", "--val-count", "3", "--epochs", "1",
            "--predictions", "2", "--time-budget", "60s"};
        CliRunner.Run r = CliRunner.run(args);
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mIoU").contains("pedestrian");
        assertThat(Json.JSON.readTree(out.resolve("eval/metrics.json").toFile()).has("mIoU")).isTrue();
        assertThat(out.resolve("eval/report.md")).exists();
        assertThat(out.resolve("eval/confusion.png")).exists();
        assertThat(out.resolve("model/model.json")).exists();
        try (var preds = Files.list(out.resolve("predictions"))) {
            assertThat(preds.filter(p -> p.toString().endsWith("_overlay.png")).count()).isEqualTo(2);
        }
        // a second run replaces the first one's folder
        assertThat(CliRunner.run(args).exitCode()).isZero();
    }

    @Test
    void refusesToReplaceAFolderItDidNotMake() throws Exception {
        Path out = tmp.resolve("mine");
        Files.createDirectories(out);
        Files.writeString(out.resolve("precious.txt"), "keep");
        CliRunner.Run r = CliRunner.run("quickstart", "--out", out.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(out.resolve("precious.txt")).hasContent("keep");
    }
}
